import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type TwilioClient = ReturnType<typeof twilio>;

/** Twilio answered 429 and said when to come back (Retry-After); the library's own error drops that header. */
export class TwilioRateLimited extends Error {
  readonly status = 429;
  constructor(readonly code: number, readonly retryAfterMs: number) {
    super('Too Many Requests');
    this.name = 'TwilioRateLimited';
  }
}

/** Retry-After in seconds (the only form Twilio uses), bounded to an hour; undefined when absent or odd. */
function retryAfterMs(headers: unknown): number | undefined {
  const raw = (headers as Record<string, unknown> | undefined)?.['retry-after'];
  const seconds = typeof raw === 'string' && /^\d{1,5}$/.test(raw.trim()) ? Number(raw) : undefined;
  return seconds === undefined ? undefined : Math.min(seconds, 3600) * 1000;
}

/**
 * The twilio REST client, through the library's own RequestClient: a 429 that says when to retry keeps
 * that, and `timeoutMs` bounds how long a request may wait for an answer. With `apiBase` set (local
 * development and tests only), its requests go to that host instead of Twilio's.
 */
export function createTwilioClient(accountSid: string, authToken: string, apiBase?: string, opts: { timeoutMs?: number } = {}): TwilioClient {
  const base = apiBase ? new URL(apiBase) : undefined;
  type Options<T> = RequestClient.RequestOptions<T>;
  class GrocerRequestClient extends twilio.RequestClient {
    override async request<T>(o: Options<T>) {
      let uri = o.uri;
      if (base) {
        const u = new URL(o.uri);
        u.protocol = base.protocol;
        u.host = base.host;
        uri = u.toString();
      }
      const response = await super.request<T>({ ...o, uri });
      const wait = response.statusCode === 429 ? retryAfterMs(response.headers) : undefined;
      if (wait !== undefined) {
        const body = (typeof response.body === 'string' ? safeJson(response.body) : response.body) as { code?: unknown } | undefined;
        throw new TwilioRateLimited(typeof body?.code === 'number' ? body.code : 429, wait);
      }
      return response;
    }
  }
  return twilio(accountSid, authToken, { httpClient: new GrocerRequestClient(opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {}) });
}

function safeJson(s: string): unknown {
  try { return JSON.parse(s); } catch { return undefined; }
}

export type { TwilioClient };
