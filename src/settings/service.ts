import type { StoreSettings } from '../domain/settings';
import type { Clock } from '../domain/types';
import type { SettingsPort } from '../store/store';

/** What a save may change: any of the owner's fields; those left out stay as they are. */
export type SettingsChange = Partial<Omit<StoreSettings, 'version' | 'updatedAt' | 'updatedBy' | 'contact' | 'sameDayCutoff'>>
  & { contact?: string | null; sameDayCutoff?: string | null };

export type SaveResult = { ok: true; settings: StoreSettings } | { ok: false; reason: 'stale'; current: StoreSettings };

export interface SettingsServiceOptions {
  store: SettingsPort;
  clock: Clock;
  /** The first document, written when the store has none (from the environment and data/faq.json). */
  seed: () => Omit<StoreSettings, 'version' | 'updatedAt'>;
  /** How long (on `clock`) this process answers from the document it read before reading it again (default 2 s). */
  freshMs?: number;
}

/** How often each process reads the settings document again: a change made elsewhere shows within this. */
export const SETTINGS_FRESH_MS = 2_000;

/**
 * The store's settings as this process knows them: read once at start-up (written from the seed when the
 * store has none), kept, and read again at most every `freshMs` of the injected clock when asked for fresh
 * ones (the engine asks before each message), so a change saved through another process is what this one
 * uses within seconds, and a quiet process reads nothing. Saves are guarded by the version read.
 */
export class SettingsService {
  private doc: StoreSettings | undefined;
  private readAt = -Infinity;
  private reading: Promise<StoreSettings> | undefined;
  private listeners: ((settings: StoreSettings) => void)[] = [];

  constructor(private o: SettingsServiceOptions) {}

  /** Reads the document, writing the seed first when there is none. */
  async load(): Promise<StoreSettings> {
    const found = await this.o.store.getSettings();
    if (found) return this.keep(found);
    const first: StoreSettings = { ...this.o.seed(), version: 1, updatedAt: this.o.clock.now() };
    if (await this.o.store.putSettings(first, undefined)) return this.keep(first);
    // Another process seeded it first: theirs.
    return this.keep((await this.o.store.getSettings())!);
  }

  /** The settings as last read (load() must have run). */
  current(): StoreSettings {
    if (!this.doc) throw new Error('the store settings are not loaded yet: call load() first');
    return this.doc;
  }

  /** The settings, read again when the copy kept is older than `freshMs` (one read at a time). */
  async fresh(): Promise<StoreSettings> {
    const age = this.o.clock.now() - this.readAt;
    if (this.doc && age >= 0 && age < (this.o.freshMs ?? SETTINGS_FRESH_MS)) return this.doc;
    this.reading ??= this.o.store.getSettings()
      .then((found) => (found ? this.keep(found) : this.load()))
      .finally(() => { this.reading = undefined; });
    return this.reading;
  }

  /**
   * Reads the settings again every `everyMs` of real time, for a process that handles no messages (the
   * worker: its notifications name the store). Returns the stop.
   */
  follow(everyMs = SETTINGS_FRESH_MS, onError: (err: unknown) => void = () => undefined): () => void {
    const timer = setInterval(() => { this.fresh().catch(onError); }, everyMs);
    timer.unref();
    return () => clearInterval(timer);
  }

  /** Hears of every new version this process comes to know (its own saves and others'). */
  onChange(listener: (settings: StoreSettings) => void): void {
    this.listeners.push(listener);
  }

  /**
   * Saves a change made to version `expected`; refused as stale when the stored document is another
   * version by now (someone saved since), with the current one, so nothing anyone saved is lost.
   */
  async save(change: SettingsChange, expected: number, by: string): Promise<SaveResult> {
    const stored = await this.o.store.getSettings() ?? await this.load();
    if (stored.version !== expected) return { ok: false, reason: 'stale', current: this.keep(stored) };
    const { contact, sameDayCutoff, ...rest } = change;
    const next: StoreSettings = { ...stored, ...rest, version: expected + 1, updatedAt: this.o.clock.now(), updatedBy: by };
    if (contact !== undefined) next.contact = contact ?? undefined;
    if (sameDayCutoff !== undefined) next.sameDayCutoff = sameDayCutoff ?? undefined;
    if (next.contact === undefined) delete next.contact;
    if (next.sameDayCutoff === undefined) delete next.sameDayCutoff;
    if (!(await this.o.store.putSettings(next, expected))) {
      return { ok: false, reason: 'stale', current: this.keep((await this.o.store.getSettings())!) };
    }
    return { ok: true, settings: this.keep(next) };
  }

  private keep(settings: StoreSettings): StoreSettings {
    const changed = this.doc?.version !== settings.version;
    this.doc = settings;
    this.readAt = this.o.clock.now();
    if (changed) for (const listener of this.listeners) listener(settings);
    return settings;
  }
}
