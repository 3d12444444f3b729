import twilio from 'twilio';
import type RequestClient from 'twilio/lib/base/RequestClient';

type TwilioClient = ReturnType<typeof twilio>;

/**
 * The twilio REST client. With `apiBase` set (local development and tests only), its requests go to that
 * host instead of Twilio's, through the library's own RequestClient.
 */
export function createTwilioClient(accountSid: string, authToken: string, apiBase?: string, opts: { timeoutMs?: number } = {}): TwilioClient {
  const timeout = opts.timeoutMs !== undefined ? { timeout: opts.timeoutMs } : {};
  if (!apiBase) return opts.timeoutMs !== undefined ? twilio(accountSid, authToken, { httpClient: new twilio.RequestClient(timeout) }) : twilio(accountSid, authToken);
  const base = new URL(apiBase);
  type Options<T> = RequestClient.RequestOptions<T>;
  class LocalRequestClient extends twilio.RequestClient {
    override request<T>(opts: Options<T>) {
      const uri = new URL(opts.uri);
      uri.protocol = base.protocol;
      uri.host = base.host;
      return super.request<T>({ ...opts, uri: uri.toString() });
    }
  }
  return twilio(accountSid, authToken, { httpClient: new LocalRequestClient(timeout) });
}

export type { TwilioClient };
