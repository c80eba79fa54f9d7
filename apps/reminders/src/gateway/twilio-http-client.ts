import twilio from 'twilio';

type RequestClient = InstanceType<typeof twilio.RequestClient>;
type RequestOptions<T> = Parameters<RequestClient['request']>[0] & { data?: T };

/**
 * The seam that lets tests run the real SDK against a local stand-in of Twilio's API. The SDK builds
 * absolute URLs on https://api.twilio.com (lib/rest/ApiBase.js) and hands every request to the
 * `httpClient` of its ClientOpts; this one swaps that origin for `apiBaseUrl`, keeping path and query.
 */
class RebasedRequestClient extends twilio.RequestClient {
  constructor(
    private readonly apiBaseUrl: string,
    options: ConstructorParameters<typeof twilio.RequestClient>[0],
  ) {
    super(options);
  }

  override request<TData>(options: RequestOptions<TData>) {
    const { pathname, search } = new URL(options.uri);
    return super.request<TData>({
      ...options,
      uri: `${this.apiBaseUrl.replace(/\/+$/, '')}${pathname}${search}`,
    });
  }
}

export interface TwilioHttpClientOptions {
  /** Tests and local stand-ins only (TWILIO_API_BASE_URL); unset in production, which talks to Twilio. */
  apiBaseUrl?: string;
  timeoutMs: number;
}

/** The SDK's HTTP client with our timeout and without its own 429 retries (the adapter retries). */
export function twilioHttpClient({ apiBaseUrl, timeoutMs }: TwilioHttpClientOptions): RequestClient {
  const options = { timeout: timeoutMs, autoRetry: false };
  return apiBaseUrl ? new RebasedRequestClient(apiBaseUrl, options) : new twilio.RequestClient(options);
}
