import pino, { type DestinationStream, type Logger } from 'pino';

/** Personal data never reaches the logs: phone numbers, names, addresses, message texts and tokens. */
export const REDACT = [
  'phone', '*.phone', 'from', '*.from', 'name', '*.name', 'address', '*.address', 'text', '*.text',
  'req.headers.authorization', 'headers.authorization',
];

export function createLogger(level: string, destination?: DestinationStream): Logger {
  return pino({ level, redact: { paths: REDACT, censor: '[redacted]' }, base: { pid: process.pid } }, destination);
}
