import type { Logger } from 'pino';
import { runJob, schedules, type JobDeps } from './handlers';

/** The in-process job runner: each job on its own timer, never overlapping itself. Used when no Redis is set. */
export class LocalScheduler {
  private timers: NodeJS.Timeout[] = [];
  private starting: NodeJS.Immediate[] = [];
  private running = new Set<Promise<unknown>>();

  constructor(private log: Logger, private onRun: (name: string, seconds: number, ok: boolean) => void = () => {}) {}

  /** Runs `job` every `ms` (and once right away with `atStart`), never overlapping itself. */
  every(name: string, ms: number, job: () => Promise<unknown>, atStart = false): void {
    let busy = false;
    const tick = () => {
      if (busy) return;
      busy = true;
      const started = performance.now();
      const run = job()
        .then(() => this.onRun(name, (performance.now() - started) / 1000, true))
        .catch((err) => { this.onRun(name, (performance.now() - started) / 1000, false); this.log.error({ err, job: name }, 'job failed'); })
        .finally(() => { busy = false; this.running.delete(run); });
      this.running.add(run);
    };
    const timer = setInterval(tick, ms);
    timer.unref();
    this.timers.push(timer);
    if (atStart) this.starting.push(setImmediate(tick));
  }

  /** Every scheduled Grocer job, on this process's timers. */
  runAll(core: JobDeps): void {
    for (const s of schedules(core)) this.every(s.name, s.everyMs, () => runJob(core, s.name), s.atStart);
  }

  /** Stops the timers and waits for runs in progress. */
  async stop(): Promise<void> {
    for (const t of this.timers) clearInterval(t);
    for (const i of this.starting) clearImmediate(i);
    this.timers = [];
    this.starting = [];
    await Promise.all([...this.running]);
  }
}
