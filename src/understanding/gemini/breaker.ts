import type { Clock } from '../../domain/types';

export interface BreakerOptions {
  /** Failures in a row that open the breaker. */
  threshold: number;
  /** How long it stays open before one call may try again (half-open). */
  openMs: number;
}

/**
 * A circuit breaker: after `threshold` failures in a row no call is made for `openMs`; then one call is let
 * through (half-open), and its outcome closes the breaker or opens it again. Time comes from the clock, so
 * tests move it instead of waiting.
 */
export class CircuitBreaker {
  private failures = 0;
  private openedAt: number | undefined;
  private trial = false;

  constructor(private clock: Clock, private o: BreakerOptions = { threshold: 5, openMs: 30_000 }) {}

  /** Whether a call may go now; a true answer while half-open reserves the one trial call. */
  allow(): boolean {
    if (this.openedAt === undefined) return true;
    if (this.trial || this.clock.now() - this.openedAt < this.o.openMs) return false;
    this.trial = true;
    return true;
  }

  succeeded(): void {
    this.failures = 0;
    this.openedAt = undefined;
    this.trial = false;
  }

  failed(): void {
    this.failures += 1;
    if (this.trial || this.failures >= this.o.threshold) this.openedAt = this.clock.now();
    this.trial = false;
  }

  state(): 'closed' | 'open' | 'half_open' {
    if (this.openedAt === undefined) return 'closed';
    return this.trial || this.clock.now() - this.openedAt >= this.o.openMs ? 'half_open' : 'open';
  }
}
