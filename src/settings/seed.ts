import { ALWAYS_OPEN, type StoreSettings } from '../domain/settings';
import type { FaqSource } from '../understanding/rules/faq';

/** The machine's time zone, when STORE_TIME_ZONE is unset. */
export const machineTimeZone = (): string => Intl.DateTimeFormat().resolvedOptions().timeZone;

/**
 * The first settings document, from the environment and the FAQ file: open all day every day (so nothing
 * is said about hours until the owner sets them), no closures, no cut-off, no minimum order.
 */
export function seedSettings(
  env: { storeName: string; contact?: string; deliveryFeeCents: number; timeZone?: string },
  faq: FaqSource[],
): Omit<StoreSettings, 'version' | 'updatedAt'> {
  return {
    storeName: env.storeName,
    ...(env.contact ? { contact: env.contact } : {}),
    timeZone: env.timeZone ?? machineTimeZone(),
    hours: structuredClone(ALWAYS_OPEN),
    closures: [],
    deliveryFeeCents: env.deliveryFeeCents,
    minimumOrderCents: 0,
    usual: 'last',
    faq: faq.map((f) => ({ topic: f.topic, answer: f.answer, keywords: f.keywords, ...(f.questions ? { questions: f.questions } : {}) })),
  };
}
