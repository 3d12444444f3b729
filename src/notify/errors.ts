/**
 * How a platform refused a message, so the outbox knows whether to try again (like BullMQ's
 * UnrecoverableError): a permanent refusal (opted out, blocked, invalid number) is recorded and never
 * retried; a transient one (network, 5xx, 429) is retried with backoff, after `retryAfterMs` when the
 * platform said how long to wait.
 */
export class SendError extends Error {
  constructor(
    message: string,
    readonly permanent: boolean,
    /** The platform's code: Twilio's 21610, 63016…, or Telegram's HTTP-like 403, 429. */
    readonly code?: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'SendError';
  }
}

/**
 * The platform never answered (a timeout, a connection cut after the request went out): the message may
 * or may not have been accepted. Resending could deliver it twice, so the outbox records the outcome as
 * unknown and does not resend; a Twilio status callback settles it later when the message did go out.
 */
export class SendOutcomeUnknown extends SendError {
  constructor(message: string) {
    super(message, true, 'timeout');
    this.name = 'SendOutcomeUnknown';
  }
}

/** The wait before the next attempt: exponential from `baseMs`, and never sooner than the platform asked. */
export function retryDelayMs(baseMs: number, attempt: number, err: unknown): number {
  const exp = baseMs * 2 ** Math.max(0, attempt - 1);
  return Math.max(exp, err instanceof SendError ? err.retryAfterMs ?? 0 : 0);
}
