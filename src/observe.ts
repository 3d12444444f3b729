import type { ChannelName } from './domain/types';

/**
 * What the core reports as it works, for metrics. The core calls these and knows nothing of Prometheus;
 * src/http/metrics.ts turns them into counters and histograms.
 */
export interface Observer {
  message(channel: ChannelName, seconds: number, replies: number): void;
  reservation(outcome: 'reserved' | 'short' | 'released'): void;
  order(event: 'placed' | 'cancelled' | 'advanced'): void;
  job(name: string, seconds: number, ok: boolean): void;
  error(where: string): void;
  /** A Gemini call made (its outcome, time and tokens) or a fallback to the rules' answer (its reason). */
  gemini?(event: GeminiEvent): void;
}

export type GeminiEvent =
  | { kind: 'call'; outcome: 'ok' | 'timeout' | 'error' | 'invalid'; seconds: number; tokens?: { prompt: number; output: number } }
  | { kind: 'fallback'; reason: 'timeout' | 'error' | 'invalid' | 'breaker_open' };

export const noObserver: Observer = {
  message() {}, reservation() {}, order() {}, job() {}, error() {},
};
