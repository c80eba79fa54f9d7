import { PayloadTooLargeException } from '@nestjs/common';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What Twilio posts: form fields, a value per name (an array if a name repeats). */
export type TwilioParams = Record<string, string | string[]>;

const FORM = /^application\/x-www-form-urlencoded\b/i;
// An inbound text is at most 1,600 characters; with Twilio's other fields far below this.
const LIMIT_BYTES = 64 * 1024;

/**
 * Parses Twilio's form-encoded webhook bodies for the webhook routes only (the app's own parser takes
 * JSON). The signature is computed over these exact fields, so they are kept as strings, unchanged.
 */
export function twilioFormBody() {
  // Async, so Nest's middleware proxy hands a thrown error to the problem+json filter.
  return async (
    req: IncomingMessage & { body?: unknown },
    _res: ServerResponse,
    next: () => void,
  ): Promise<void> => {
    if (FORM.test(req.headers['content-type'] ?? '')) req.body = paramsOf(await readBody(req));
    next();
  };
}

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    const buffer = chunk as Buffer;
    size += buffer.length;
    if (size > LIMIT_BYTES)
      throw new PayloadTooLargeException(`A Twilio webhook body is at most ${LIMIT_BYTES} bytes`);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

function paramsOf(text: string): TwilioParams {
  const params: TwilioParams = {};
  for (const [name, value] of new URLSearchParams(text)) {
    const seen = params[name];
    params[name] = seen === undefined ? value : [...(Array.isArray(seen) ? seen : [seen]), value];
  }
  return params;
}
