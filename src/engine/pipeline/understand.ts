import { MAX_MESSAGE_CHARS, type MediaPart } from '../../domain/types';
import { OPTION } from '../copy';
import { optionAction, type Action } from '../options';
import type { Turn } from '../turn';
import type { Piece } from './context';

/**
 * What the message means, into `ctx.action` for the router. A message with nothing in it, one too long to
 * read, or a choice of none of the options on offer is answered here and goes no further.
 */
export const understanding: Piece = async (ctx, next) => {
  const { turn } = ctx;
  const { msg } = turn;
  const media = msg.media?.length ? msg.media : undefined;
  // Nothing to read: the question on the table keeps its buttons (a blank message must not take them away).
  const open = turn.conv.options?.length ? turn.conv.options : undefined;
  if (!turn.text && msg.option === undefined && !media) { turn.say('no_text', turn.copy.noText, open ?? [OPTION.help]); return; }
  if (turn.text.length > MAX_MESSAGE_CHARS) { turn.say('too_long', turn.copy.tooLong, open); return; }
  const action = await understand(turn, media);
  if (!action) return;
  ctx.action = action;
  await next();
};

/**
 * What the message means: the option chosen (a button or key press, checked against those on offer), else
 * the interpreter's reading with the dialogue's context. Undefined when the message was a choice of none
 * of the options on offer: it has been answered with the options again.
 */
export async function understand(turn: Turn, media: MediaPart[] | undefined): Promise<Action | undefined> {
  const { conv, msg } = turn;
  const products = await turn.catalog();
  const chosen = (id: string) => {
    const action = optionAction(id, conv.options, products);
    if (!action) pickOne(turn);
    return action;
  };
  if (msg.option !== undefined) return chosen(msg.option);
  const cart = (await turn.cart()).lines.map((l) => ({ sku: l.sku, name: l.name, qty: l.qty }));
  const intent = await turn.deps.interpreter.interpret(turn.text, {
    asking: conv.asking, options: conv.options, cart, lastSku: conv.lastSku, nameAsks: conv.nameAsks,
  }, media);
  if (intent.type === 'option') return chosen(intent.id);
  // A picture or voice note that could not be read (the model failed or timed out) and no words to go by.
  if (media && !turn.text && intent.type === 'unknown') { turn.say('media_unreadable', turn.copy.mediaUnreadable, turn.conv.options?.length ? turn.conv.options : [OPTION.help]); return undefined; }
  const options = conv.options ?? [];
  // A number with options on offer picks one (an answer to "how many?" is an amount, not a choice).
  if (intent.type === 'choose' && options.length && conv.asking?.kind !== 'how_many') {
    const option = options[intent.index - 1];
    if (option) return chosen(option.id);
    turn.say('pick_number', turn.copy.pickNumber(options.length), options);
    return undefined;
  }
  return intent;
}

/** A choice of an option not on offer: the options again (or, with none on offer, the usual next steps). */
export function pickOne(turn: Turn): void {
  const options = turn.conv.options;
  if (options?.length) turn.say('pick_one', turn.copy.pickOne, options);
  else if (!turn.customer.registeredAt) turn.say('set_up_first', turn.copy.setUpFirst);
  else turn.say('didnt_understand', turn.copy.didntUnderstand, [OPTION.browse, OPTION.cart, OPTION.help]);
}
