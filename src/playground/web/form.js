// A form the bot showed (a Discord modal): its text inputs in a dialog, sent back as the persona who asked.
import { h } from './dom.js';

/** The text inputs of a modal, in either layout discord.js sends: rows of one input, or labels wrapping one. */
function inputsOf(modal) {
  return (modal.components ?? []).flatMap((row) => {
    if (row.type === 1) return (row.components ?? []).filter((c) => c.type === 4).map((c) => ({ ...c, label: c.label }));
    if (row.type === 18 && row.component?.type === 4) return [{ ...row.component, label: row.label, description: row.description }];
    return [];
  });
}

/** Shows the form; `send(values)` resolves to the server's answer ({ ok } or { ok: false, error }). */
export function showForm(modal, send) {
  document.querySelector('.form-backdrop')?.remove();
  const fields = inputsOf(modal).map((input) => {
    const attrs = {
      id: `form-${input.custom_id}`, name: input.custom_id, 'data-testid': `form-input-${input.custom_id}`,
      required: input.required !== false, minlength: input.min_length ?? null, maxlength: input.max_length ?? null,
      placeholder: input.placeholder ?? null,
    };
    const control = input.style === 2 ? h('textarea', { ...attrs, rows: 4 }) : h('input', { ...attrs, type: 'text' });
    control.value = input.value ?? '';
    return { input, control, el: h('label', { class: 'form-field', for: attrs.id }, h('span', { class: 'form-label' }, input.label ?? input.custom_id), input.description ? h('small', {}, input.description) : null, control) };
  });
  const error = h('p', { class: 'form-error', role: 'alert', 'data-testid': 'form-error' });
  const close = () => backdrop.remove();
  const form = h('form', {
    class: 'form-dialog', 'data-testid': 'form', 'aria-label': modal.title,
    onsubmit: async (event) => {
      event.preventDefault();
      const values = Object.fromEntries(fields.map((f) => [f.input.custom_id, f.control.value]));
      const answer = await send(values);
      if (answer?.ok === false) error.textContent = answer.error;
      else close();
    },
  },
  h('h2', {}, modal.title),
  fields.map((f) => f.el),
  error,
  h('div', { class: 'form-actions' },
    h('button', { type: 'button', class: 'form-cancel', onclick: close }, 'Cancel'),
    h('button', { type: 'submit', class: 'form-submit', 'data-testid': 'form-submit' }, 'Submit')));
  const backdrop = h('div', { class: 'form-backdrop', onclick: (e) => { if (e.target === backdrop) close(); } }, form);
  document.body.append(backdrop);
  fields[0]?.control.focus();
}
