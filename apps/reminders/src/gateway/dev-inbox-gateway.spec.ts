import { ManualClock } from '@careloop/time';
import { DevInboxGateway } from './dev-inbox-gateway';
import { SmsRejectedError } from './sms-gateway';

describe('the development inbox', () => {
  const clock = new ManualClock('2026-06-01T09:00:00Z');

  it('keeps what would have been sent, newest last, and reports it delivered', async () => {
    const inbox = new DevInboxGateway(clock);
    const first = await inbox.send({
      to: '+447700900123',
      body: 'See you Tue 3 Jun at 10:30',
      reference: 'r-1',
    });
    clock.advance(60_000);
    await inbox.send({ to: '+447700900456', body: 'Reply Y to confirm' });

    expect(first).toEqual({
      gatewayMessageId: expect.stringMatching(/^DEV[0-9a-f]{32}$/),
      status: 'delivered',
    });
    expect(inbox.messages()).toEqual([
      {
        gatewayMessageId: first.gatewayMessageId,
        to: '+447700900123',
        body: 'See you Tue 3 Jun at 10:30',
        statusCallbackUrl: null,
        reference: 'r-1',
        receivedAt: '2026-06-01T09:00:00.000Z',
      },
      expect.objectContaining({ to: '+447700900456', receivedAt: '2026-06-01T09:01:00.000Z' }),
    ]);
  });

  it('finds the texts to one number however it is written', async () => {
    const inbox = new DevInboxGateway(clock);
    await inbox.send({ to: '+447700900123', body: 'one' });
    await inbox.send({ to: '+447700900456', body: 'other' });
    await inbox.send({ to: '+447700900123', body: 'two' });

    expect(inbox.messagesTo('07700 900123').map((m) => m.body)).toEqual(['one', 'two']);
    expect(inbox.messagesTo('+447700900123').map((m) => m.body)).toEqual(['one', 'two']);
    expect(inbox.messagesTo('+447700900999')).toEqual([]);
  });

  it('forgets the oldest texts beyond its capacity', async () => {
    const inbox = new DevInboxGateway(clock, 3);
    for (const body of ['1', '2', '3', '4', '5']) await inbox.send({ to: '+447700900123', body });

    expect(inbox.messages().map((m) => m.body)).toEqual(['3', '4', '5']);
  });

  it('refuses a recipient that is not a UK mobile in E.164, keeping nothing', async () => {
    const inbox = new DevInboxGateway(clock);
    for (const to of ['07700900123', '+441632960123', 'not a number']) {
      const refused = inbox.send({ to, body: 'hi' });
      await expect(refused).rejects.toBeInstanceOf(SmsRejectedError);
      await expect(refused).rejects.toMatchObject({ code: 'invalid_number', reason: 'invalid_number' });
    }
    expect(inbox.messages()).toEqual([]);
  });

  it('hands out copies, so a caller cannot change what it keeps', async () => {
    const inbox = new DevInboxGateway(clock);
    await inbox.send({ to: '+447700900123', body: 'original' });
    inbox.messages()[0]!.body = 'changed';
    expect(inbox.messages()[0]!.body).toBe('original');
  });
});
