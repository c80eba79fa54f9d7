/**
 * A request made as a demo user with its stable seed key as Idempotency-Key (a GET sends none and
 * no body); resolves to the body.
 */
export type SeedCall = <T = { id: string }>(
  method: 'GET' | 'POST' | 'PUT',
  path: string,
  seedKey: string,
  body?: unknown,
) => Promise<T>;

/** A seed request the API refused, with the problem's code, so a step may wait for what it needs. */
export class SeedRequestFailed extends Error {
  constructor(
    readonly seedKey: string,
    readonly status: number,
    readonly code: string | undefined,
    problem: string,
  ) {
    super(`Seed ${seedKey} failed: ${status} ${problem}`);
  }
}

/** Signs in through the development identity provider; returns how to call the API as that user. */
export async function signedIn(baseUrl: string, username: string): Promise<SeedCall> {
  const tokenResponse = await fetch(`${baseUrl}/auth/dev/token`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username }),
  });
  if (!tokenResponse.ok) throw new Error(`Seed could not sign in as ${username}: ${tokenResponse.status}`);
  const { access_token: token } = (await tokenResponse.json()) as { access_token: string };

  return async <T>(method: 'GET' | 'POST' | 'PUT', path: string, seedKey: string, body: unknown = {}) => {
    const read = method === 'GET';
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(read ? {} : { 'content-type': 'application/json', 'idempotency-key': seedKey }),
      },
      body: read ? undefined : JSON.stringify(body),
    });
    if (!response.ok) {
      const problem = await response.text();
      throw new SeedRequestFailed(seedKey, response.status, problemCode(problem), problem);
    }
    return (await response.json()) as T;
  };
}

function problemCode(problem: string): string | undefined {
  try {
    const { code } = JSON.parse(problem) as { code?: unknown };
    return typeof code === 'string' ? code : undefined;
  } catch {
    return undefined;
  }
}
