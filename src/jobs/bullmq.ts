import { Queue, Worker, type Job } from 'bullmq';
import IORedis from 'ioredis';
import type { Logger } from 'pino';
import type { Notification } from '../notify/outbox';
import { retryDelayMs, SendError } from '../notify/errors';
import type { Observer } from '../observe';
import { runJob, schedules, type JobDeps, type JobName } from './handlers';

export const QUEUE = 'grocer';
const NOTIFY_BACKOFF = 'notify';

export interface BullOptions {
  /** Retries of a notification that fails, with exponential backoff from `backoffMs`. */
  attempts?: number;
  backoffMs?: number;
}

function connect(url: string): IORedis {
  // BullMQ needs commands to wait through a reconnect rather than fail (maxRetriesPerRequest: null).
  return new IORedis(url, { maxRetriesPerRequest: null });
}

/** The queue side, used by web and worker processes alike: job schedulers and enqueued notifications. */
export class BullQueue {
  readonly connection: IORedis;
  readonly queue: Queue;

  constructor(url: string, private log: Logger, private opts: BullOptions = {}) {
    this.connection = connect(url);
    this.connection.on('error', (err) => this.log.warn({ err: err.message }, 'redis connection error'));
    this.queue = new Queue(QUEUE, { connection: this.connection });
    this.queue.on('error', (err) => this.log.warn({ err: err.message }, 'job queue error'));
  }

  /** Creates or updates every recurring job; upserting by id means several processes never duplicate them. */
  async schedule(core: Parameters<typeof schedules>[0]): Promise<void> {
    for (const s of schedules(core)) {
      await this.queue.upsertJobScheduler(s.name, { every: s.everyMs }, { name: s.name, opts: { removeOnComplete: 100, removeOnFail: 500 } });
      if (s.atStart) await this.queue.add(s.name, {}, { removeOnComplete: 100, removeOnFail: 500 });
    }
  }

  async enqueueNotification(n: Notification): Promise<void> {
    // The job id is the notification's: queuing the same one twice (a retried enqueue) adds it once.
    await this.queue.add('notify', n, {
      ...(n.id ? { jobId: `notify-${n.id}` } : {}),
      attempts: this.opts.attempts ?? 6,
      backoff: { type: NOTIFY_BACKOFF, delay: this.opts.backoffMs ?? 2000 },
      removeOnComplete: 1000,
      removeOnFail: 5000,
    });
  }

  counts(): Promise<Record<string, number>> {
    return this.queue.getJobCounts('wait', 'active', 'delayed', 'failed', 'completed', 'prioritized');
  }

  async ping(): Promise<void> {
    await this.connection.ping();
  }

  async close(): Promise<void> {
    await this.queue.close();
    this.connection.disconnect();
  }
}

/** The worker side: runs the jobs. Closing it waits for the jobs in progress. */
export function startWorker(core: JobDeps, url: string, observer: Observer, concurrency = 4): { worker: Worker; close(): Promise<void> } {
  const connection = connect(url);
  connection.on('error', (err) => core.log.warn({ err: err.message }, 'redis connection error'));
  const worker = new Worker(QUEUE, async (job: Job) => {
    const started = performance.now();
    try {
      const final = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
      const result = await runJob(core, job.name as JobName, job.data, { ...(job.id ? { id: job.id } : {}), final });
      observer.job(job.name, (performance.now() - started) / 1000, true);
      return result;
    } catch (err) {
      observer.job(job.name, (performance.now() - started) / 1000, false);
      throw err;
    }
  }, {
    connection,
    concurrency,
    settings: {
      backoffStrategy: (attemptsMade, type, err, job) => {
        if (type !== NOTIFY_BACKOFF) return 0;
        const backoff = job?.opts.backoff;
        return retryDelayMs(typeof backoff === 'object' ? backoff.delay ?? 2000 : 2000, attemptsMade, err);
      },
    },
  });
  worker.on('error', (err) => core.log.warn({ err: err.message }, 'worker error'));
  // A platform's refusal may quote the customer's number: only its code is logged.
  worker.on('failed', (job, err) => core.log.warn({ job: job?.name, attempt: job?.attemptsMade, err: err instanceof SendError ? `send failed (${err.code ?? 'no code'})` : err.message }, 'job failed'));
  return {
    worker,
    async close() {
      await worker.close();
      connection.disconnect();
    },
  };
}
