import type { MediaPart, SideQuestion } from '../../domain/types';
import type { Intent, InterpretContext, ItemRequest } from '../interpreter';

/** Intents that stand on their own whatever was asked: the customer changed the subject on purpose. */
const COMMANDS = new Set<Intent['type']>([
  'help', 'human', 'restart', 'status', 'show_cart', 'checkout', 'cancel_order', 'browse', 'deals', 'usual', 'search',
  'faq', 'delivery', 'pickup', 'option', 'complaint', 'replace', 'address', 'diet', 'stop_wish',
]);

/** The intents that answer each side question (a stage's own question is the rules' to read). */
const ANSWERS: Record<SideQuestion['kind'], ReadonlySet<Intent['type']>> = {
  how_many: new Set(['quantity', 'choose', 'yes', 'no', 'set_qty']),
  choose_product: new Set(['choose', 'no']),
  confirm_cancel: new Set(['yes', 'no']),
  confirm_restart: new Set(['yes', 'no']),
  confirm_items: new Set(['yes', 'no']),
  confirm_changes: new Set(['yes', 'no']),
  confirm_wish: new Set(['yes', 'no']),
  confirm_back: new Set(['yes', 'no', 'choose', 'quantity']),
};

const isSide = (kind: string): kind is SideQuestion['kind'] => Object.hasOwn(ANSWERS, kind);

const unsure = (items: ItemRequest[]) => items.length === 0 || items.some((i) => i.match.kind !== 'product');

/** Items the rules read, and whether every one of them names exactly one product. */
function itemsOf(intent: Intent): ItemRequest[] | undefined {
  if (intent.type === 'add' || intent.type === 'ask' || intent.type === 'remove') return intent.items;
  if (intent.type === 'set_qty' && intent.item) return [intent.item];
  if (intent.type === 'diet' && intent.about.kind === 'product') return [intent.about.item];
  return undefined;
}

/**
 * Whether the rules' reading is unsure enough to ask Gemini: a picture or a voice note (the rules read no
 * media), an intent the rules did not recognise, items whose words matched no product or several, or a
 * side question on the table that the intent neither answers nor sets aside with a command or a clear order.
 */
export function needsModel(intent: Intent, context: InterpretContext, media?: readonly MediaPart[]): boolean {
  if (media && media.length > 0) return true;
  if (intent.type === 'unknown' || intent.type === 'smalltalk') return true;
  if ((intent.type === 'add' || intent.type === 'remove' || intent.type === 'ask') && intent.unsure) return true;
  if (intent.type === 'multi') return intent.intents.some((i) => needsModel(i, context));
  if (intent.type === 'replace') return unsure([intent.from, intent.to]);
  const items = itemsOf(intent);
  if (items && unsure(items)) return true;
  const kind = context.asking?.kind;
  if (!kind || !isSide(kind) || COMMANDS.has(intent.type) || items) return false;
  return !ANSWERS[kind].has(intent.type);
}
