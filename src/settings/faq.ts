import type { StoreSettings } from '../domain/settings';
import type { FaqSource } from '../understanding/rules/faq';
import { weekHours } from './hours';

/**
 * The FAQ as the rules match it: an entry the owner added without keywords or questions is asked for by
 * its topic's own words.
 */
export function faqSources(settings: Pick<StoreSettings, 'faq'>): FaqSource[] {
  return settings.faq.map((e) => ({
    topic: e.topic, answer: e.answer,
    keywords: e.keywords.length || e.questions?.length ? e.keywords : [e.topic],
    ...(e.questions ? { questions: e.questions } : {}),
  }));
}

/** A topic's answer with `{storeName}`, `{deliveryFee}`, `{minimumOrder}` and `{hours}` filled in from the settings. */
export function faqAnswer(settings: StoreSettings, topic: string, money: (cents: number) => string): string | undefined {
  const entry = settings.faq.find((e) => e.topic === topic) ?? settings.faq.find((e) => e.topic.toLowerCase() === topic.toLowerCase());
  return entry?.answer
    .replaceAll('{storeName}', settings.storeName)
    .replaceAll('{deliveryFee}', money(settings.deliveryFeeCents))
    .replaceAll('{minimumOrder}', money(settings.minimumOrderCents))
    .replaceAll('{hours}', weekHours(settings.hours));
}
