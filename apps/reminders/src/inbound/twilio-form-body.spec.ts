import { Readable } from 'node:stream';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { PayloadTooLargeException } from '@nestjs/common';
import { twilioFormBody } from './twilio-form-body';

function aRequest(contentType: string, body: string): IncomingMessage & { body?: unknown } {
  return Object.assign(Readable.from([Buffer.from(body)]), {
    headers: { 'content-type': contentType },
  }) as never;
}

describe('Twilio form body', () => {
  const parse = twilioFormBody();
  const res = {} as ServerResponse;

  it('keeps the posted fields as the strings Twilio signed, repeated names as lists', async () => {
    const req = aRequest(
      'application/x-www-form-urlencoded; charset=utf-8',
      'Body=Can%27t+make+it+%F0%9F%91%8E&From=%2B447700900123&MediaUrl=a&MediaUrl=b',
    );
    const next = jest.fn();
    await parse(req, res, next);
    expect(req.body).toEqual({ Body: "Can't make it 👎", From: '+447700900123', MediaUrl: ['a', 'b'] });
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('leaves other bodies to the app', async () => {
    const req = aRequest('application/json', '{"Body":"Yes"}');
    const next = jest.fn();
    await parse(req, res, next);
    expect(req.body).toBeUndefined();
    expect(next).toHaveBeenCalledTimes(1);
  });

  it('refuses a body far bigger than any text', async () => {
    const req = aRequest('application/x-www-form-urlencoded', `Body=${'x'.repeat(70_000)}`);
    const next = jest.fn();
    await expect(parse(req, res, next)).rejects.toBeInstanceOf(PayloadTooLargeException);
    expect(next).not.toHaveBeenCalled();
  });
});
