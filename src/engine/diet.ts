// Questions about what is in the food, answered from the products' tags alone (src/domain/tags.ts): yes or
// no where a tag says so, "I don't know" and a person offered where none does. Never a guess from a name.
import { judge, type DietClaim } from '../domain/tags';
import type { Option, Product } from '../domain/types';
import type { DietSubject } from '../understanding/interpreter';
import { addOption, OPTION } from './copy';
import { notFoundText } from './shopping';
import type { Turn } from './turn';

/** Most products a list answer names (the rest are counted); buttons go with the first few. */
const LISTED = 8;
const BUTTONS = 5;

export async function answerDiet(turn: Turn, claim: DietClaim, about: DietSubject): Promise<void> {
  if (about.kind === 'it') {
    const last = turn.conv.lastSku ? (await turn.shelf()).get(turn.conv.lastSku) : undefined;
    // Nothing talked about yet: "vegan?" asks which products are.
    return last ? answerOne(turn, claim, last) : answerList(turn, claim, { kind: 'list' });
  }
  if (about.kind === 'product') {
    const { item } = about;
    const p = item.match.kind === 'product' ? (await turn.shelf()).get(item.match.sku) : undefined;
    // A product the owner hid "isn't available right now"; one the store never had is not carried.
    if (!p) { turn.say('not_found', notFoundText(turn, item.query, []), [OPTION.browse, OPTION.help], { query: item.query }); return; }
    return answerOne(turn, claim, p);
  }
  return answerList(turn, claim, about);
}

function answerOne(turn: Turn, claim: DietClaim, p: Product): void {
  const { copy } = turn;
  turn.conv.lastSku = p.sku;
  const said = judge(p.tags, claim);
  if (said.answer === 'unknown') {
    const options = [OPTION.human, addOption(p), OPTION.browse];
    // Marked both ways (an older catalog): neither tag is trusted; a person is asked, as for no tag at all.
    if (said.conflict) turn.say('diet_conflict', copy.dietConflict(p, claim, said.conflict), options, { claim, answer: 'unknown' });
    else turn.say('diet_unknown', copy.dietUnknown(p, claim), options, { claim, answer: 'unknown' });
    return;
  }
  const options: Option[] = [addOption(p), OPTION.browse, OPTION.cart];
  if (said.answer === 'yes') turn.say('diet_yes', copy.dietYes(p, claim, said.because), options, { claim, answer: 'yes' });
  else turn.say('diet_no', copy.dietNo(p, claim, said.because), options, { claim, answer: 'no' });
}

async function answerList(turn: Turn, claim: DietClaim, about: Extract<DietSubject, { kind: 'list' }>): Promise<void> {
  const { copy } = turn;
  const wanted = about.skus ? new Set(about.skus) : undefined;
  const products = [...(await turn.shelf()).values()]
    .filter((p) => (about.category === undefined || p.category === about.category) && (wanted === undefined || wanted.has(p.sku)));
  if (products.length === 0) {
    const query = about.query ?? about.category ?? '';
    turn.say('not_found', copy.notFound(query, []), [OPTION.browse, OPTION.help], { query });
    return;
  }
  const scope = { category: about.category, query: about.query };
  const yes = products.filter((p) => judge(p.tags, claim).answer === 'yes');
  const unsure = products.filter((p) => judge(p.tags, claim).answer === 'unknown');
  // Marked both ways (an older catalog): named apart from the unmarked ones, and a person offered for them too.
  const twoWay = unsure.filter((p) => { const said = judge(p.tags, claim); return said.answer === 'unknown' && said.conflict !== undefined; });
  const unknown = unsure.length - twoWay.length;
  const doubtful = unsure.length > 0;
  const params = { claim, count: yes.length, ...(about.category ? { category: about.category } : {}), ...(about.query ? { query: about.query } : {}) };
  if (yes.length === 0) {
    turn.say('diet_none', copy.dietNone(claim, scope, products.length - unsure.length, unknown, twoWay), doubtful ? [OPTION.human, OPTION.browse] : [OPTION.browse, OPTION.cart], params);
    return;
  }
  const shown = yes.slice(0, LISTED);
  if (yes.length === 1) turn.conv.lastSku = yes[0]!.sku;
  const options = [...shown.slice(0, BUTTONS).map(addOption), ...(doubtful ? [OPTION.human] : [OPTION.browse])];
  turn.say('diet_list', copy.dietList(claim, scope, shown, unknown, yes.length - shown.length, twoWay), options, params);
}
