/**
 * Another attempt is sending this reminder's text right now (it holds the text's row). Thrown so the
 * job is tried again later, when that attempt has recorded the outcome, or died and left it unknown.
 */
export class SendInProgressError extends Error {
  override readonly name = 'SendInProgressError';

  constructor(readonly reminderId: string) {
    super(`Reminder ${reminderId} is being sent by another attempt; try again once it has finished`);
  }
}
