import { toBullJobId } from './bullmq-job-id';

describe('toBullJobId', () => {
  it('produces ids BullMQ accepts: no ":" and never an integer', () => {
    for (const id of ['reminder:123', '42', 'a:b:c', '%3A']) {
      const bullId = toBullJobId(id);
      expect(bullId).not.toContain(':');
      expect(`${parseInt(bullId, 10)}`).not.toBe(bullId);
    }
  });

  it('is deterministic and keeps distinct ids distinct', () => {
    expect(toBullJobId('reminder:1')).toBe(toBullJobId('reminder:1'));
    const ids = ['a:b', 'a%3Ab', 'a%b', 'a_b', 'j.a:b'];
    expect(new Set(ids.map(toBullJobId)).size).toBe(ids.length);
  });
});
