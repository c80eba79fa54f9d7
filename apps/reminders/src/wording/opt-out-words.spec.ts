import { findOptOutWords } from './opt-out-words';

const inTemplate = (text: string) =>
  findOptOutWords(text, { keywordsInCapitals: true }).map((m) => [m.use, text.slice(m.start, m.end)]);
const inLocation = (text: string) =>
  findOptOutWords(text, { keywordsInCapitals: false }).map((m) => [m.use, text.slice(m.start, m.end)]);

describe('carrier opt-out words', () => {
  it.each([
    ['Reply CANCEL to cancel', 'CANCEL'],
    ['reply cancel to cancel', 'cancel'],
    ['Text STOP to opt out', 'STOP'],
    ['text the word stop', 'stop'],
    ['send back "end" if you cannot come', 'end'],
    ['respond with quit', 'quit'],
    ['Reply UNSUBSCRIBE', 'UNSUBSCRIBE'],
    ['txt STOPALL', 'STOPALL'],
    ['Reply opt out', 'opt out'],
  ])('refuses "%s": it asks for %s', (text, word) => {
    expect(inTemplate(text)).toContainEqual(['instruction', word]);
    expect(inLocation(text)).toContainEqual(['instruction', word]);
  });

  it('in a template, a keyword in capitals or quotes is an instruction wherever it stands', () => {
    expect(inTemplate('Y to confirm, CANCEL to cancel')).toEqual([
      ['instruction', 'CANCEL'],
      ['mention', 'cancel'],
    ]);
    expect(inTemplate("Can't come? 'end'")).toEqual([['instruction', 'end']]);
  });

  it('a mention a client might echo back is only a warning; other words with "end" or "stop" are fine', () => {
    expect(inTemplate('If you need to cancel, reply N')).toEqual([['mention', 'cancel']]);
    expect(inTemplate('at the end of the corridor, by the bus stop')).toEqual([['mention', 'stop']]);
    expect(inTemplate('Reply Y to confirm or N to change it. See you at the weekend')).toEqual([]);
  });

  it('a place name in capitals is not an instruction in a location text', () => {
    expect(inLocation('WEST END CENTRE, 4 Park Row')).toEqual([]);
    expect(inTemplate('WEST END CENTRE')).toEqual([['instruction', 'END']]);
  });
});
