// The settings page's delivery slots: per weekday, the windows customers choose from at checkout, each with how
// many orders it takes, and the lead time before the first one offered. No slots: the bot asks no time.

const DAYS = [['mon', 'Monday'], ['tue', 'Tuesday'], ['wed', 'Wednesday'], ['thu', 'Thursday'], ['fri', 'Friday'], ['sat', 'Saturday'], ['sun', 'Sunday']];

/** The section's HTML, from the draft; `input` and `errorSpan` are the page's own field helpers. */
export function slotsSection(draft, { esc, input, errorSpan }) {
  const slots = draft.slots || [];
  const row = ([day, name]) => {
    const ofDay = slots.map((s, i) => ({ s, i })).filter((x) => x.s.weekday === day);
    const cells = ofDay.length
      ? ofDay.map(({ s, i }) => `<span class="window" data-slot="${i}">${input(`slots.${i}.from`, s.from, `${name} slot ${i + 1} from`, 'size="5" placeholder="09:00" inputmode="numeric"')}–`
        + `${input(`slots.${i}.to`, s.to, `${name} slot ${i + 1} to`, 'size="5" placeholder="12:00" inputmode="numeric"')} `
        + `${input(`slots.${i}.capacity`, s.capacity, `${name} slot ${i + 1} capacity`, 'size="3" inputmode="numeric"')} orders `
        + `<button type="button" class="link" data-act="removeSlot" data-index="${i}" aria-label="Remove ${esc(name)} slot ${esc(s.from)}">remove</button></span>`).join(' ')
      : '<span class="muted">No slots</span>';
    return `<tr data-slot-day="${day}"><th scope="row">${esc(name)}</th><td>${cells}</td>`
      + `<td class="actions"><button type="button" class="secondary" data-act="addSlot" data-day="${day}" aria-label="Add a slot on ${esc(name)}">Add a slot</button></td></tr>`;
  };
  return `<section><h2>Delivery and pickup slots</h2><p class="muted">The times customers choose from at checkout, with how many orders each takes. A full slot is not offered. No slots: no time is asked.</p>
      <div class="scroll"><table id="slotsTable" aria-label="Delivery and pickup slots">${DAYS.map(row).join('')}</table></div>${errorSpan('slots')}
      <div class="facts"><label for="setSlotLead">Lead time (minutes)</label><div>${input('slotLeadMinutes', draft.slotLeadMinutes ?? 0, 'Lead time in minutes', 'id="setSlotLead" size="5" inputmode="numeric"')}
        <span class="muted">The first slot offered starts at least this long after the customer orders.</span></div></div></section>`;
}

/** The slots' fields back into the draft; `value(path)` reads a field. Numbers typed stay text when they are no numbers (the API names them). */
export function collectSlots(draft, value) {
  const number = (v) => (v === '' || v === undefined || Number.isNaN(Number(v)) ? v : Number(v));
  const clock = (t) => (/^\d:\d\d$/.test(t || '') ? `0${t}` : t);
  draft.slots = (draft.slots || []).map((s, i) => ({ weekday: s.weekday, from: clock(value(`slots.${i}.from`)), to: clock(value(`slots.${i}.to`)), capacity: number(value(`slots.${i}.capacity`)) }));
  draft.slotLeadMinutes = number(value('slotLeadMinutes'));
}

/** Adds or removes a slot row; false for an action of another section. */
export function slotAction(act, data, draft) {
  draft.slots = draft.slots || [];
  if (act === 'addSlot') {
    const last = draft.slots.filter((s) => s.weekday === data.day).at(-1);
    draft.slots.push(last ? { weekday: data.day, from: last.to, to: '', capacity: last.capacity } : { weekday: data.day, from: '09:00', to: '12:00', capacity: 5 });
    return true;
  }
  if (act === 'removeSlot') { draft.slots.splice(Number(data.index), 1); return true; }
  return false;
}
