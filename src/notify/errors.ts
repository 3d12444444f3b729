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
