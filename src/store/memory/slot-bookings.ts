import { slotKey, type DatedSlot, type OfferedSlot } from '../../domain/slots';
import type { SlotBookingsPort } from '../store';

interface Places {
  held: { phone: string; until: number }[];
  booked: { orderId: string; phone: string }[];
}

/** The slots' places in memory: each change is made in one synchronous step, so it is atomic. */
export class MemorySlotBookings implements SlotBookingsPort {
  private slots = new Map<string, Places>();

  private places(slot: DatedSlot): Places {
    const key = slotKey(slot);
    let p = this.slots.get(key);
    if (!p) { p = { held: [], booked: [] }; this.slots.set(key, p); }
    return p;
  }

  private taken(p: Places, now: number): number {
    p.held = p.held.filter((h) => h.until > now);
    return p.held.length + p.booked.length;
  }

  async holdSlot(slot: OfferedSlot, phone: string, until: number, now: number): Promise<boolean> {
    const p = this.places(slot);
    const mine = p.held.find((h) => h.phone === phone && h.until > now);
    if (mine) { mine.until = until; return true; }
    if (this.taken(p, now) >= slot.capacity) return false;
    p.held.push({ phone, until });
    return true;
  }

  async releaseSlot(slot: DatedSlot, phone: string): Promise<void> {
    const p = this.places(slot);
    p.held = p.held.filter((h) => h.phone !== phone);
  }

  async bookSlot(slot: OfferedSlot, phone: string, orderId: string, now: number): Promise<boolean> {
    const p = this.places(slot);
    if (p.booked.some((b) => b.orderId === orderId)) return true;
    const mine = p.held.findIndex((h) => h.phone === phone && h.until > now);
    if (mine >= 0) p.held.splice(mine, 1);
    else if (this.taken(p, now) >= slot.capacity) return false;
    p.booked.push({ orderId, phone });
    return true;
  }

  async freeSlot(slot: DatedSlot, orderId: string): Promise<void> {
    const p = this.places(slot);
    p.booked = p.booked.filter((b) => b.orderId !== orderId);
  }

  async slotsTaken(slots: readonly DatedSlot[], now: number): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const s of slots) {
      const p = this.slots.get(slotKey(s));
      const n = p ? p.held.filter((h) => h.until > now).length + p.booked.length : 0;
      if (n) out.set(slotKey(s), n);
    }
    return out;
  }
}
