// What is in a product: the tag picker of the products page (add and edit) and the tags shown in its list.
// The bot answers "is it vegan?", "which crisps have no nuts?" from these tags alone (docs/console.md).

import { esc } from './lib.js';

/** The tags a product may carry, as src/domain/tags.ts lists them (test/http/console-tags.test.ts keeps the two equal). */
export const TAGS = [
  'vegan', 'vegetarian', 'gluten-free', 'nut-free', 'organic', 'halal', 'kosher',
  'contains-nuts', 'contains-gluten', 'contains-milk', 'contains-egg', 'contains-soy', 'contains-meat',
];

const words = (tag) => tag.replace(/-/g, ' ');

/** A fieldset of one checkbox per tag, those of `selected` ticked. */
export function tagPicker(selected = []) {
  const on = new Set(selected);
  return '<fieldset class="tag-picker" data-field="tags"><legend>What’s in it (the assistant answers only from these)</legend>'
    + TAGS.map((t) => `<label class="tag-choice"><input type="checkbox" value="${esc(t)}"${on.has(t) ? ' checked' : ''}> ${esc(words(t))}</label>`).join('')
    + '</fieldset><span class="field-error" data-error-for="tags" role="alert"></span>';
}

/** The tags ticked in the picker inside `box`, in the picker's order. */
export const pickedTags = (box) => [...box.querySelectorAll('.tag-picker input:checked')].map((i) => i.value);

/** The tags of a product as small badges for its row of the list. */
export const tagBadges = (tags) => (Array.isArray(tags) && tags.length
  ? ' ' + tags.map((t) => `<span class="badge tag" data-tag="${esc(t)}">${esc(words(t))}</span>`).join(' ')
  : '');
