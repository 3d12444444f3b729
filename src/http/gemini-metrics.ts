import { Counter, Histogram, type Registry } from 'prom-client';
import type { GeminiEvent } from '../observe';

/** The Gemini layer's metrics: calls by outcome, their latency, fallbacks to the rules by reason, tokens. */
export function geminiMetrics(registry: Registry): (event: GeminiEvent) => void {
  const calls = new Counter({ name: 'grocer_gemini_calls_total', help: 'Gemini calls made, by outcome (ok, timeout, error, invalid)', labelNames: ['outcome'], registers: [registry] });
  const latency = new Histogram({
    name: 'grocer_gemini_latency_seconds', help: 'Time one Gemini call took, until its answer or the timeout',
    buckets: [0.1, 0.25, 0.5, 0.75, 1, 1.5, 2, 2.5, 5], registers: [registry],
  });
  const fallbacks = new Counter({ name: 'grocer_gemini_fallbacks_total', help: 'Messages where the rules\' answer stood because Gemini could not help, by reason', labelNames: ['reason'], registers: [registry] });
  const tokens = new Counter({ name: 'grocer_gemini_tokens_total', help: 'Gemini tokens billed, by kind (prompt, output)', labelNames: ['kind'], registers: [registry] });
  return (event) => {
    if (event.kind === 'fallback') { fallbacks.inc({ reason: event.reason }); return; }
    calls.inc({ outcome: event.outcome });
    latency.observe(event.seconds);
    if (event.tokens) {
      tokens.inc({ kind: 'prompt' }, event.tokens.prompt);
      tokens.inc({ kind: 'output' }, event.tokens.output);
    }
  };
}
