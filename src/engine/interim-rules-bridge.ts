import type { Intent, InterpretContext, Interpreter } from '../understanding/interpreter';

// TEMPORARY, delete when the `rules` branch lands (it makes the parser return `name` and `address` itself).
// Until then the rules interpreter answers a name with "unknown" and an address with an order for
// something we lack; this turns exactly those answers, in the stages that asked, into the new intents,
// with the checks the engine used to apply. Commands and real items pass through untouched.

const NAME_PREFIX = /^(?:hi|hello|hey)?[ ,!.]*(?:my name is|my name's|name's|i am|i'm|im|it's|its|this is|call me|the name is)\s+/i;

function asName(text: string): string | undefined {
  const name = text.trim().replace(NAME_PREFIX, '').replace(/[.!?]+$/, '').replace(/\s+/g, ' ').trim();
  if (name.length < 1 || name.length > 60 || !/\p{L}/u.test(name) || /\d/.test(name)) return undefined;
  if (name.split(' ').length > 5) return undefined;
  return name === name.toLowerCase() ? name.replace(/(^|[\s'-])\p{L}/gu, (c) => c.toUpperCase()) : name;
}

function asAddress(text: string): string | undefined {
  const address = text.trim().replace(/\s+/g, ' ').replace(/^(?:my address is|it's|its|address:?)\s+/i, '');
  if (address.length < 6 || address.length > 200 || !/\p{L}/u.test(address)) return undefined;
  if (!/\d/.test(address) && address.split(' ').length < 3) return undefined;
  return address;
}

/** Nothing the parser recognised: no command, no product. */
const unrecognised = (i: Intent) => i.type === 'unknown' || (i.type === 'add' && i.items.every((x) => x.match.kind === 'none'));

export function withInterimRulesBridge(inner: Interpreter): Interpreter {
  return {
    async interpret(text: string, context: InterpretContext, media) {
      const intent = await inner.interpret(text, context, media);
      if (!unrecognised(intent)) return intent;
      if (context.stage === 'registration_name') {
        const name = asName(text);
        return name ? { type: 'name', name } : intent;
      }
      if (context.stage === 'registration_address' || context.stage === 'checkout_address') {
        const address = asAddress(text);
        return address ? { type: 'address', address } : intent;
      }
      return intent;
    },
  };
}
