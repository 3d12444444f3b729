// The model may say a slot too: its answer's `slot` becomes the same intent the rules give, only while a slot is asked.
import { describe, expect, it } from 'vitest';
import { answerJsonSchema, parseAnswer } from '../../src/understanding/gemini/answer';
import { toIntent } from '../../src/understanding/gemini/to-intent';
import { ProductMatcher } from '../../src/understanding/rules/matcher';

const catalog = { products: new Map(), matcher: new ProductMatcher([]), categories: [], faqTopics: [] };

describe('a slot in the model\'s answer', () => {
  it('is in the answer schema the model is given', () => {
    expect(JSON.stringify(answerJsonSchema)).toContain('"slot"');
  });

  it('reads "tomorrow morning" as the rules do, while a slot is asked', () => {
    const parsed = parseAnswer(JSON.stringify({ type: 'slot', slot: { day: 'tomorrow', part: 'morning' } }));
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(toIntent(parsed.answer, { asking: { kind: 'slot' } }, catalog)).toEqual({ type: 'slot', wish: { day: 'tomorrow', part: 'morning' } });
    expect(toIntent({ type: 'slot', slot: { first: true } }, { asking: { kind: 'slot' } }, catalog)).toEqual({ type: 'slot', wish: { first: true } });
  });

  it('says nothing when no slot is asked, or the slot is empty', () => {
    expect(toIntent({ type: 'slot', slot: { day: 'tomorrow' } }, {}, catalog)).toBeUndefined();
    expect(toIntent({ type: 'slot', slot: {} }, { asking: { kind: 'slot' } }, catalog)).toBeUndefined();
    expect(parseAnswer(JSON.stringify({ type: 'slot', slot: { after: '2pm' } })).ok).toBe(false);
  });
});
