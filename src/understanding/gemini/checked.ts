import type { Intent, InterpretContext, Interpreter } from '../interpreter';

/**
 * A name or an address the model read, held to the rules' own checks: a name only when the bot asked for
 * one and the rules read those words as a name too ("check out" is a command, "milk" is shopping); an
 * address only when the rules read those words as an address. Anything else is dropped, so the rules'
 * answer stands.
 */
export async function checkedWords(intent: Intent, context: InterpretContext, rules: Interpreter): Promise<Intent | undefined> {
  if (intent.type === 'name') {
    if (context.asking?.kind !== 'name') return undefined;
    const read = await rules.interpret(intent.name, { asking: { kind: 'name' }, nameAsks: context.nameAsks });
    return read.type === 'name' ? read : undefined;
  }
  const address = intent.type === 'address' ? intent.address : intent.type === 'delivery' ? intent.address : undefined;
  if (address === undefined) return intent;
  const read = await rules.interpret(address, { asking: { kind: 'address' } });
  if (read.type !== 'address') return undefined;
  return intent.type === 'address' ? read : { type: 'delivery', address: read.address };
}
