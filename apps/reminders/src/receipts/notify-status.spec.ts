import { smsStatusFromNotify } from './notify-status';

describe("Notify's receipt statuses in ours", () => {
  it.each([
    ['delivered', 'delivered'],
    ['permanent-failure', 'failed'],
    ['temporary-failure', 'undelivered'],
    ['technical-failure', 'failed'],
    [' Delivered ', 'delivered'],
  ])('%s is %s', (notify, ours) => {
    expect(smsStatusFromNotify(notify)).toBe(ours);
  });

  it('maps nothing else, so a receipt with a status we do not know changes nothing', () => {
    for (const other of ['sending', 'created', 'pending', 'sent', 'accepted', 'received', '']) {
      expect(smsStatusFromNotify(other)).toBeUndefined();
    }
  });
});
