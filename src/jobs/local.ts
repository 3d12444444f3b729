import type { Logger } from 'pino';

/** The in-process job runner: each job on its own timer, never overlapping itself. Used when no Redis is set. */
export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(private log: Logger) {}

  every(name: string, ms: number, job: () => Promise<unknown>): void {
    let busy = false;
    const timer = setInterval(() => {
      if (busy) return;
      busy = true;
      const run = job()
        .catch((err) => this.log.error({ err, job: name }, 'job failed'))
        .finally(() => { busy = false; this.running.delete(run); });
      this.running.add(run);
    }, ms);
    timer.unref();
    this.timers.push(timer);
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    this.timers = [];
    await Promise.all([...this.running]);
  }
}
