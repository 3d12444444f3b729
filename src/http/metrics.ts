import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { Observer } from '../observe';
import { geminiMetrics } from './gemini-metrics';

/** Prometheus metrics (prom-client), fed by the core through the Observer interface. */
export function createMetrics(queueCounts?: () => Promise<Record<string, number>>) {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry, prefix: 'grocer_process_' });
  const messagesIn = new Counter({ name: 'grocer_messages_in_total', help: 'Customer messages handled, by channel', labelNames: ['channel'], registers: [registry] });
  const messagesOut = new Counter({ name: 'grocer_messages_out_total', help: 'Replies sent, by channel', labelNames: ['channel'], registers: [registry] });
  const latency = new Histogram({
    name: 'grocer_message_handling_seconds', help: 'Time to handle one customer message', labelNames: ['channel'],
    buckets: [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5], registers: [registry],
  });
  const reservations = new Counter({ name: 'grocer_reservations_total', help: 'Cart line changes, by outcome', labelNames: ['outcome'], registers: [registry] });
  const orders = new Counter({ name: 'grocer_orders_total', help: 'Order events', labelNames: ['event'], registers: [registry] });
  const jobSeconds = new Histogram({ name: 'grocer_job_duration_seconds', help: 'Job run time', labelNames: ['job'], buckets: [0.01, 0.05, 0.1, 0.5, 1, 5, 30], registers: [registry] });
  const jobFailures = new Counter({ name: 'grocer_job_failures_total', help: 'Job runs that threw', labelNames: ['job'], registers: [registry] });
  const storeCommands = new Counter({ name: 'grocer_store_commands_total', help: 'Commands sent to MongoDB, by command name', labelNames: ['command'], registers: [registry] });
  const errors = new Counter({ name: 'grocer_errors_total', help: 'Errors, by where they happened', labelNames: ['where'], registers: [registry] });
  new Gauge({
    name: 'grocer_queue_jobs', help: 'Jobs in the BullMQ queue, by state', labelNames: ['state'], registers: [registry],
    async collect() {
      if (!queueCounts) return;
      try {
        for (const [state, n] of Object.entries(await queueCounts())) this.set({ state }, n);
      } catch { /* Redis away: leave the last figures */ }
    },
  });

  let errorCount = 0;
  const observer: Observer = {
    message(channel, seconds, replies) {
      messagesIn.inc({ channel });
      if (replies) messagesOut.inc({ channel }, replies);
      latency.observe({ channel }, seconds);
    },
    reservation(outcome) { reservations.inc({ outcome }); },
    order(event) { orders.inc({ event }); },
    job(name, seconds, ok) {
      jobSeconds.observe({ job: name }, seconds);
      if (!ok) { jobFailures.inc({ job: name }); errorCount += 1; }
    },
    error(where) { errors.inc({ where }); errorCount += 1; },
    gemini: geminiMetrics(registry),
  };
  return {
    registry, observer, errors: () => errorCount,
    /** The store's command callback (MongoDB's adapter calls it per command sent; the store knows no prom-client). */
    storeCommand: (command: string) => storeCommands.inc({ command }),
  };
}

export type Metrics = ReturnType<typeof createMetrics>;
