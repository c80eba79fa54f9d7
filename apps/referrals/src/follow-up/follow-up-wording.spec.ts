import { SUMMARY_MAX } from '../task/task-rules';
import {
  deliveryFailedSummary,
  dnaFollowUpSummary,
  mdtReviewSummary,
  offerUntextableSummary,
  optedOutSummary,
  outcomeUnknownSummary,
  rebookNeededSummary,
  replyTaskSummary,
} from './follow-up-wording';

const appointment = {
  serviceType: 'COPD review',
  providerName: 'Hillside Surgery',
  startsAt: new Date('2026-11-10T10:00:00Z'),
};
const longNames = {
  serviceType: 'S'.repeat(100),
  providerName: 'P'.repeat(200),
  startsAt: new Date('2026-07-10T09:30:00Z'),
};

describe('follow-up task wording', () => {
  it('names the appointment in London time and says what to do', () => {
    expect(dnaFollowUpSummary(appointment)).toBe(
      'Did not attend COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: contact the client and offer a new appointment',
    );
    expect(dnaFollowUpSummary(appointment, 'cancelled_late')).toBe(
      'Cancelled late COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: contact the client and offer a new appointment',
    );
    expect(dnaFollowUpSummary(appointment, 'left_before_seen')).toBe(
      'Left before being seen at COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: contact the client and offer a new appointment',
    );
    expect(outcomeUnknownSummary(appointment)).toBe(
      'No attendance recorded for COPD review with Hillside Surgery on Tue 10 Nov 2026, 10:00: ask the provider, ask the client',
    );
    // 09:30 UTC in July is 10:30 in London.
    expect(rebookNeededSummary({ ...appointment, startsAt: longNames.startsAt })).toBe(
      'In-reach COPD review with Hillside Surgery on Fri 10 Jul 2026, 10:30 cancelled, no other session had room: rebook with the client',
    );
    expect(mdtReviewSummary(2)).toBe(
      'Repeated non-attendance (2 missed appointments on this referral): discuss at the multidisciplinary meeting',
    );
  });

  it('names the offered seat and when its hold lapses', () => {
    expect(offerUntextableSummary({ ...appointment, expiresAt: new Date('2026-11-08T10:00:00Z') })).toBe(
      'Tell the client about a seat offered at Hillside Surgery (COPD review) on Tue 10 Nov 2026, 10:00, held until Sun 8 Nov 2026, 10:00',
    );
    // However long the names, the hold's end is never cut off.
    expect(offerUntextableSummary({ ...longNames, expiresAt: new Date('2026-07-08T09:30:00Z') })).toMatch(
      /…\) on Fri 10 Jul 2026, 10:30, held until Wed 8 Jul 2026, 10:30$/,
    );
  });

  it('fits one line of at most 200 characters whatever the names, shortening them', () => {
    for (const line of [
      dnaFollowUpSummary(longNames),
      outcomeUnknownSummary(longNames),
      rebookNeededSummary(longNames),
      offerUntextableSummary({ ...longNames, expiresAt: longNames.startsAt }),
      dnaFollowUpSummary({ ...appointment, providerName: 'Hillside\nSurgery\t  Annex' }),
      optedOutSummary('X'.repeat(50)),
      deliveryFailedSummary('failed', 'E'.repeat(50)),
    ]) {
      expect(line.length).toBeLessThanOrEqual(SUMMARY_MAX);
      expect(line).not.toMatch(/[\r\n\t]/);
    }
    expect(dnaFollowUpSummary(longNames)).toContain(
      `${'S'.repeat(39)}… with ${'P'.repeat(59)}… on Fri 10 Jul`,
    );
    expect(dnaFollowUpSummary({ ...appointment, providerName: 'Hillside\nSurgery\t  Annex' })).toContain(
      'with Hillside Surgery Annex on',
    );
  });

  it('never quotes what the client wrote: the task detail and the timeline carry it', () => {
    expect(replyTaskSummary('rebook')).toBe(
      "The client replied they can't make it: agree a new appointment with them",
    );
    expect(replyTaskSummary('yes_to_missed')).toBe(
      'The client replied YES to "sorry we missed you": help them book a new appointment',
    );
    expect(replyTaskSummary('other')).toBe('The client replied by text: read it and answer them');
  });

  it('asks to check the number for a refused text, and with the client for an unknown fate', () => {
    expect(deliveryFailedSummary('undelivered', '30003')).toBe(
      'A text to the client was not delivered (undelivered, error 30003): check their number',
    );
    expect(deliveryFailedSummary('failed', null)).toBe(
      'A text to the client was not delivered (failed): check their number',
    );
    expect(deliveryFailedSummary('unknown', null)).toBe(
      'A text may not have reached the client (interrupted while sending): check with them whether it arrived',
    );
  });

  it('tells a STOP texted by the client from an opt-out the phone network enforces', () => {
    expect(optedOutSummary('STOP')).toBe(
      'The client texted STOP: no more texts go to them. Talk to them about keeping in touch',
    );
    expect(optedOutSummary('21610')).toBe(
      'The phone network says the client has stopped texts (code 21610): talk to them about keeping in touch',
    );
  });
});
