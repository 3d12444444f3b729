import type { Config } from '../../src/config';
import type { CheckOutcome, CodeSender, SendOutcome } from '../../src/http/verification';
import { createTwilioClient, type TwilioClient } from '../twilio-client';

/** The text of the SMS carrying a web chat code (a customer-facing sentence: a candidate for copy.ts). */
export const CODE_SMS_TEXT = (storeName: string, code: string) =>
  `${code} is your ${storeName} web chat code. It expires in 10 minutes. Do not share it.`;

/** Twilio's answer to a refused request: a 4xx (bad or unreachable number, opted out) is final; else retry later. */
function failure(err: unknown): SendOutcome {
  const status = (err as { status?: unknown }).status;
  return typeof status === 'number' && status >= 400 && status < 500 && status !== 429
    ? { ok: false, reason: 'rejected' }
    : { ok: false, reason: 'failed' };
}

/** Twilio Verify makes, sends and checks the code itself. */
export function twilioVerifyCodes(client: TwilioClient, serviceSid: string): CodeSender {
  const service = () => client.verify.v2.services(serviceSid);
  return {
    kind: 'verify',
    async start(phone) {
      try { await service().verifications.create({ to: phone, channel: 'sms' }); return { ok: true }; } catch (err) { return failure(err); }
    },
    async check(phone, code): Promise<CheckOutcome> {
      try {
        const result = await service().verificationChecks.create({ to: phone, code });
        return result.status === 'approved' ? { ok: true } : { ok: false, reason: 'wrong' };
      } catch (err) {
        // 404: Verify has no pending code for the number any more (expired, used, or too many tries).
        return (err as { status?: number }).status === 404 ? { ok: false, reason: 'wrong' } : { ok: false, reason: 'failed' };
      }
    },
  };
}

/** Our own 6-digit code, sent as an SMS from the store's number through the Messages API. */
export function smsCodes(client: TwilioClient, from: string, storeName: string): CodeSender {
  return {
    kind: 'sms',
    async deliver(phone, code) {
      try { await client.messages.create({ from, to: phone, body: CODE_SMS_TEXT(storeName, code) }); return { ok: true }; } catch (err) { return failure(err); }
    },
  };
}

/**
 * How this deployment sends web chat codes: Twilio Verify when its service is set, else an SMS from the
 * store's number; undefined when neither is configured (the app then prints codes in development, and
 * says the web chat is unavailable in production).
 */
export function webChatCodeSender(config: Config): CodeSender | undefined {
  if (!config.TWILIO_ACCOUNT_SID || !config.TWILIO_AUTH_TOKEN) return undefined;
  const client = createTwilioClient(config.TWILIO_ACCOUNT_SID, config.TWILIO_AUTH_TOKEN, config.TWILIO_API_BASE);
  if (config.TWILIO_VERIFY_SERVICE_SID) return twilioVerifyCodes(client, config.TWILIO_VERIFY_SERVICE_SID);
  if (config.TWILIO_SMS_NUMBER) return smsCodes(client, config.TWILIO_SMS_NUMBER, config.STORE_NAME);
  return undefined;
}
