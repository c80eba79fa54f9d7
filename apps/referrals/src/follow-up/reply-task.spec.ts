import { REPLY_INTENTS } from '@careloop/contracts';
import { REPLY_TEXT_MAX_BYTES, replyFollowUp, textForDetail } from './reply-task';

const toReminder = { step: 'evening_before', aboutOpenOffer: false } as const;
const toMissed = { step: 'missed', aboutOpenOffer: false } as const;
const toOffer = { step: 'offer', aboutOpenOffer: true } as const;
const toNothing = { step: null, aboutOpenOffer: false } as const;

describe('which replies need the keyworker', () => {
  it('"can\'t make it" and free text do, whatever text they answer', () => {
    for (const answered of [toReminder, toMissed, toNothing]) {
      expect(replyFollowUp('rebook', answered)).toBe('rebook');
      expect(replyFollowUp('other', answered)).toBe('other');
    }
  });

  it('a yes does only to "sorry we missed you": the client wants a new appointment', () => {
    expect(replyFollowUp('confirm', toMissed)).toBe('yes_to_missed');
    expect(replyFollowUp('confirm', toReminder)).toBeNull();
    expect(replyFollowUp('confirm', toNothing)).toBeNull();
  });

  it('a yes or no to an open in-reach offer does not (booking answers it); anything else about it does', () => {
    expect(replyFollowUp('confirm', toOffer)).toBeNull();
    expect(replyFollowUp('rebook', toOffer)).toBeNull();
    expect(replyFollowUp('other', toOffer)).toBe('other');
    // An offer named by booking's events, though the latest text was a reminder.
    expect(replyFollowUp('rebook', { step: 'confirmation', aboutOpenOffer: true })).toBeNull();
  });

  it('an opt-out word never does: the opt-out event opens its own task', () => {
    for (const answered of [toReminder, toMissed, toOffer, toNothing]) {
      expect(replyFollowUp('opt_out', answered)).toBeNull();
    }
    expect(REPLY_INTENTS).toEqual(['confirm', 'rebook', 'opt_out', 'other']);
  });
});

describe('the reply kept on the task', () => {
  it('is the text as written, or shortened to fit the task detail however it encodes', () => {
    expect(textForDetail('cant make it 😞')).toBe('cant make it 😞');
    const controls = '\u0001'.repeat(1600);
    const emoji = '😞'.repeat(1600);
    for (const text of [controls, emoji]) {
      const kept = textForDetail(text);
      expect(Buffer.byteLength(JSON.stringify(kept))).toBeLessThanOrEqual(REPLY_TEXT_MAX_BYTES);
      expect(kept.endsWith('…')).toBe(true);
      expect(text.startsWith(kept.slice(0, -1))).toBe(true);
    }
  });
});
