import {
  REPLY_INSTRUCTION,
  formatDeadline,
  formatWhen,
  greetingName,
  parseTemplate,
  plainPunctuation,
  renderTemplate,
  replyValues,
} from './render';

const at = (iso: string) => formatWhen(new Date(iso));

describe('{when}', () => {
  it('says the London day and 24-hour time in summer (BST) and winter (GMT)', () => {
    expect(at('2025-06-03T09:30:00Z')).toBe('Tue 3 Jun at 10:30');
    expect(at('2026-01-13T10:30:00Z')).toBe('Tue 13 Jan at 10:30');
    expect(at('2026-09-15T13:05:00Z')).toBe('Tue 15 Sep at 14:05');
  });

  it('takes the London date, not the UTC one, late at night in summer', () => {
    expect(at('2026-06-30T23:30:00Z')).toBe('Wed 1 Jul at 00:30');
  });

  it('is right on both sides of the spring and autumn clock changes', () => {
    expect(at('2026-03-29T00:30:00Z')).toBe('Sun 29 Mar at 00:30');
    expect(at('2026-03-29T01:30:00Z')).toBe('Sun 29 Mar at 02:30');
    expect(at('2026-03-30T09:00:00Z')).toBe('Mon 30 Mar at 10:00');
    expect(at('2026-10-25T00:30:00Z')).toBe('Sun 25 Oct at 01:30');
    expect(at('2026-10-25T01:30:00Z')).toBe('Sun 25 Oct at 01:30');
    expect(at('2026-10-26T10:00:00Z')).toBe('Mon 26 Oct at 10:00');
  });
});

describe('{expires} and the reply an offer asks for', () => {
  it('says when the offer lapses, time first, on the London clock in summer and winter', () => {
    expect(formatDeadline(new Date('2026-12-07T17:00:00Z'))).toBe('17:00 Mon 7 Dec');
    expect(formatDeadline(new Date('2026-06-30T23:30:00Z'))).toBe('00:30 Wed 1 Jul');
  });

  it('cuts the seconds rather than rounding up, so the client is never told a later time', () => {
    expect(formatDeadline(new Date('2026-12-07T10:15:59Z'))).toBe('10:15 Mon 7 Dec');
  });

  it("asks an offer's client for YES by the expiry or NO; every other text for Y or N, with no expiry", () => {
    expect(replyValues('offer', new Date('2026-12-07T17:00:00Z'))).toEqual({
      reply: 'Reply YES by 17:00 Mon 7 Dec to take it, or NO if it does not suit',
      expires: '17:00 Mon 7 Dec',
    });
    expect(replyValues('confirmation', null)).toEqual({ reply: REPLY_INSTRUCTION, expires: '' });
    expect(() => replyValues('offer', null)).toThrow('needs the time the offer lapses');
  });

  it('never asks for a carrier opt-out word in the offer either', () => {
    expect(replyValues('offer', new Date('2026-12-07T17:00:00Z')).reply).not.toMatch(
      /\b(stop|stopall|cancel|end|quit|unsubscribe)\b/i,
    );
  });
});

describe('{name}', () => {
  it('greets a client by preferred name, else by given name', () => {
    expect(greetingName({ givenName: 'Robert', preferredName: 'Bobby' })).toBe('Bobby');
    expect(greetingName({ givenName: 'Robert', preferredName: null })).toBe('Robert');
    expect(greetingName({ givenName: ' Robert ', preferredName: '  ' })).toBe('Robert');
  });
});

describe('templates', () => {
  const values = {
    name: 'Sam',
    when: 'Tue 3 Jun at 10:30',
    where: 'Outpatients B',
    reply: REPLY_INSTRUCTION,
    expires: '',
  };

  it('fills every placeholder, as often as it appears', () => {
    expect(renderTemplate('Hi {name}, {when} at {where}. {reply}. Bye {name}', values)).toBe(
      'Hi Sam, Tue 3 Jun at 10:30 at Outpatients B. Reply Y to confirm or N to change it. Bye Sam',
    );
  });

  it('fills a placeholder once: a value that looks like a placeholder stays as it is', () => {
    expect(renderTemplate('Hi {name}', { ...values, name: '{where}' })).toBe('Hi {where}');
  });

  it('names each unknown placeholder and stray brace with its position', () => {
    const body = 'Hi {Name}, see you {when} at {location} {';
    expect(parseTemplate(body).problems).toEqual([
      expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', start: 3, end: 9, text: '{Name}' }),
      expect.objectContaining({ code: 'UNKNOWN_PLACEHOLDER', start: 29, end: 39, text: '{location}' }),
      expect.objectContaining({ code: 'STRAY_BRACE', start: 40, end: 41, text: '{' }),
    ]);
    expect(parseTemplate(body).problems[0]!.message).toBe(
      'Unknown placeholder {Name}: use {name}, {when}, {where}, {reply}, {expires}',
    );
    expect(parseTemplate('{}} {na{me}').problems.map((p) => p.text)).toEqual(['{}', '}', '{', '{me}']);
  });

  it('refuses to render a template with problems', () => {
    expect(() => renderTemplate('Hi {nmae}', values)).toThrow(/Unknown placeholder \{nmae\}/);
  });

  it('makes typographic punctuation plain so a pasted apostrophe does not force UCS-2', () => {
    expect(renderTemplate('Hi {name}, it’s “soon” – {when}…', { ...values, name: 'O’Brien' })).toBe(
      'Hi O\'Brien, it\'s "soon" - Tue 3 Jun at 10:30...',
    );
    expect(plainPunctuation('a\u00A0b\u200Bc')).toBe('a bc');
  });

  it('never asks for a carrier opt-out word in the reply instruction', () => {
    expect(REPLY_INSTRUCTION).not.toMatch(/\b(stop|stopall|cancel|end|quit|unsubscribe)\b/i);
  });
});
