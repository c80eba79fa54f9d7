/** Minimal HTTP client for the end-to-end tier: real sockets, no app internals. */
export interface HttpResponse<T = unknown> {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON (including problem+json), otherwise undefined. */
  body: T;
  text: string;
}

export interface RequestOptions {
  token?: string;
  /** A value is sent as JSON; a string is sent as is (for malformed bodies). */
  body?: unknown;
  headers?: Record<string, string>;
}

export async function request<T = unknown>(
  method: 'GET' | 'POST' | 'PUT',
  url: string,
  options: RequestOptions = {},
): Promise<HttpResponse<T>> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  if (options.token) headers['authorization'] = `Bearer ${options.token}`;
  let body: string | undefined;
  if (options.body !== undefined) {
    headers['content-type'] ??= 'application/json';
    body = typeof options.body === 'string' ? options.body : JSON.stringify(options.body);
  }
  const response = await fetch(url, { method, headers, body, signal: AbortSignal.timeout(20_000) });
  const text = await response.text();
  const contentType = response.headers.get('content-type') ?? '';
  const parsed = /json/.test(contentType) && text.length > 0 ? (JSON.parse(text) as T) : (undefined as T);
  return { status: response.status, headers: response.headers, body: parsed, text };
}

export const get = <T = unknown>(url: string, options?: RequestOptions) => request<T>('GET', url, options);
export const post = <T = unknown>(url: string, options?: RequestOptions) => request<T>('POST', url, options);
export const put = <T = unknown>(url: string, options?: RequestOptions) => request<T>('PUT', url, options);

/** Shape every error response must have (RFC 9457 with our `code`). */
export interface Problem {
  type: string;
  title: string;
  status: number;
  detail?: string;
  code: string;
  errors?: { path: string; message: string; in?: string }[];
  correlationId?: string;
}

export const PROBLEM_JSON = /^application\/problem\+json/;
