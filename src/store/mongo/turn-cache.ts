import type { ChannelName, ChannelState, Conversation, Customer, Hold } from '../../domain/types';
import { customerOf, type CustomerDoc } from './customer-doc';

/** What this process knows of one customer's document while its turn runs; a part left undefined is not known. */
interface Known {
  owner: string;
  /** performance.now() past which the lease may have passed to another owner: the copy is dropped then. */
  until: number;
  /** The turn's clock (the `now` its beginTurn was given) and the performance.now() it was read at. */
  began: { now: number; at: number };
  /** null: known to have none. */
  customer?: Customer | null;
  conversation?: Conversation | null;
  holds?: Hold[];
  channelStates?: Partial<Record<ChannelName, ChannelState>>;
  /** Commands on this document under way, and whether two of them overlapped since the last quiet moment. */
  inFlight: number;
  overlapped: boolean;
}
type Part = 'customer' | 'conversation' | 'holds' | 'channelStates';

/**
 * The customer documents of the turns this process runs (TurnsPort.beginTurn → endTurn or the lease's
 * release), so getCustomer, getConversation, listHolds({phone}) and getChannelState(s) answer without a
 * command. Every command of this process on such a document passes through `track`: what it returns (the
 * document after a write, or a read) replaces the parts it covers, unless another command on the document
 * overlapped it, in which case the order of the two on the server is unknown and those parts are forgotten
 * (the next read asks the server). The server guards every conditional write, so a stale copy can make a
 * write lose, never win wrongly. A copy outlives neither its lease's time (measured on this process's own
 * clock from when the lease was last taken) nor the turn.
 */
export class TurnCache {
  private known = new Map<string, Known>();

  /**
   * A turn begins with the document beginTurn read, under a lease taken no earlier than `sent`
   * (performance.now()), at `now` on the turn's clock.
   */
  begin(phone: string, owner: string, doc: CustomerDoc, sent: number, ttlMs: number, now: number): void {
    this.known.set(phone, {
      owner,
      until: sent + ttlMs,
      began: { now, at: sent },
      customer: customerOf(doc) ?? null,
      conversation: doc.conversation ? structuredClone(doc.conversation) : null,
      holds: structuredClone(doc.holds ?? []),
      channelStates: structuredClone(doc.channelStates ?? {}),
      inFlight: 0,
      overlapped: false,
    });
  }

  /** The turn's owner renewed its lease, by a command sent at `sent`. */
  renew(phone: string, owner: string, sent: number, ttlMs: number): void {
    const k = this.live(phone);
    if (k?.owner === owner) k.until = sent + ttlMs;
  }

  end(phone: string): void {
    this.known.delete(phone);
  }

  /** The instant on the turn's own clock (what its holds' expiries are measured against), while it runs. */
  turnNow(phone: string): number | undefined {
    const k = this.live(phone);
    return k && k.began.now + (performance.now() - k.began.at);
  }

  owner(phone: string): string | undefined {
    return this.live(phone)?.owner;
  }

  private live(phone: string): Known | undefined {
    const k = this.known.get(phone);
    if (k && performance.now() > k.until) this.known.delete(phone);
    return this.known.get(phone);
  }

  /** A copy of a known part: undefined when not known (or no turn), null when known to be absent. */
  get<P extends Part>(phone: string, part: P): Known[P] | undefined {
    const k = this.live(phone);
    if (!k || k.inFlight > 0) return undefined;
    const value = k[part];
    return value === undefined ? undefined : (structuredClone(value) as Known[P]);
  }

  /**
   * Runs one command on a phone's document; `learn` maps its result to the parts it shows (a part mapped to
   * undefined is forgotten). Outside a turn the command just runs.
   */
  async track<T>(phone: string, command: () => Promise<T>, learn: (result: T) => Partial<Pick<Known, Part>>): Promise<T> {
    const k = this.live(phone);
    if (!k) return command();
    if (k.inFlight > 0) k.overlapped = true;
    k.inFlight += 1;
    try {
      const result = await command();
      const parts = learn(result);
      // Overlapped by another command: which of the two the server applied last is unknown.
      if (this.known.get(phone) === k) apply(k, k.overlapped ? forgotten(Object.keys(parts) as Part[]) : parts);
      return result;
    } catch (err) {
      // What a failed command changed, if anything, is unknown.
      if (this.known.get(phone) === k) apply(k, forgotten(PARTS));
      throw err;
    } finally {
      k.inFlight -= 1;
      if (k.inFlight === 0) k.overlapped = false;
    }
  }
}

const PARTS: Part[] = ['customer', 'conversation', 'holds', 'channelStates'];
const forgotten = (parts: Part[]): Partial<Pick<Known, Part>> => Object.fromEntries(parts.map((p) => [p, undefined]));

/** Each part given replaces the known one (a copy); a part given as undefined is no longer known. */
function apply(k: Known, parts: Partial<Pick<Known, Part>>): void {
  for (const [p, v] of Object.entries(parts) as [Part, unknown][]) {
    if (v === undefined) delete k[p];
    else (k as unknown as Record<Part, unknown>)[p] = structuredClone(v);
  }
}
