// The message box. Plain text is refused (Cohort reads no messages); "/" opens the command picker, and a
// picked command turns the box into one labelled field per option, typed as the command declares it.
import { h } from './dom.js';
import { icon } from './icons.js';
import { OPTION, TYPE_NAMES, commandEntries, filterEntries } from './commands.js';

const AUTOCOMPLETE_DELAY_MS = 150;
const POSTABLE_DEFAULT = [0, 5, 10, 11, 12, 15]; // channel options without channel_types: any non-category channel

/**
 * deps: { state() → latest /api/state, personaId(), channel() → { id, name },
 *         run(body) → { ok, error }, autocomplete(body) → choices[], upload(file) → { id } | { error } }
 */
export function createComposer(root, deps) {
  let selected = null; // the picked command entry
  let fields = []; // { option, control, value() }
  let popupItems = []; // what Enter / arrows act on
  let active = 0;
  let popupOwner = null; // 'commands' or the field whose suggestions are shown
  let busy = false;

  const popup = h('div', { class: 'popup', role: 'listbox', 'data-testid': 'command-popup', hidden: true });
  const chip = h('button', { type: 'button', class: 'chip', hidden: true, title: 'Cancel this command (Esc)', 'data-testid': 'command-chip', onclick: () => reset(true) });
  const input = h('input', { class: 'composer-input', 'data-testid': 'composer-input', autocomplete: 'off', spellcheck: 'false', 'aria-label': 'Message' });
  const optionsBox = h('div', { class: 'options', 'data-testid': 'command-options', hidden: true });
  const send = h('button', { type: 'submit', class: 'send', 'data-testid': 'send', title: 'Send (Enter)', 'aria-label': 'Send' }, icon('send', 18));
  const hint = h('div', { class: 'composer-hint', 'data-testid': 'composer-hint' });
  const error = h('div', { class: 'composer-error', role: 'alert', 'data-testid': 'composer-error', hidden: true });
  const form = h('form', { class: 'composer', 'data-testid': 'composer', onsubmit: (e) => { e.preventDefault(); submit(); } },
    popup, h('div', { class: 'composer-box' }, chip, input, optionsBox, send), error, hint);
  root.replaceChildren(form);

  input.addEventListener('input', () => {
    showError(null);
    if (input.value.startsWith('/')) showCommands();
    else closePopup();
  });
  form.addEventListener('keydown', onKey);
  input.addEventListener('focus', () => input.value.startsWith('/') && showCommands());
  document.addEventListener('click', (e) => !form.contains(e.target) && closePopup());

  function onKey(e) {
    if (!popup.hidden && popupItems.length) {
      if (e.key === 'ArrowDown' || e.key === 'ArrowUp') {
        e.preventDefault();
        setActive((active + (e.key === 'ArrowDown' ? 1 : popupItems.length - 1)) % popupItems.length);
        return;
      }
      if (e.key === 'Enter' || (e.key === 'Tab' && popupOwner === 'commands')) {
        e.preventDefault();
        popupItems[active]?.pick();
        return;
      }
    }
    if (e.key === 'Escape') {
      if (!popup.hidden) closePopup();
      else if (selected) reset(true);
    } else if (e.key === 'Enter' && e.target.tagName !== 'BUTTON') {
      e.preventDefault();
      submit();
    }
  }

  // ---- the command picker ----
  function showCommands() {
    const matches = filterEntries(commandEntries(deps.state().commands), input.value);
    openPopup('commands', matches.length ? 'Commands matching ' + input.value : 'No command matches ' + input.value,
      matches.map((entry) => ({
        pick: () => pick(entry),
        el: h('div', { class: 'popup-item', role: 'option', 'data-testid': 'command-item', 'data-command': entry.label.slice(1) },
          h('span', { class: 'popup-label' }, entry.label),
          h('span', { class: 'popup-desc' }, entry.description),
          h('span', { class: 'popup-app' }, 'Cohort')),
      })));
  }

  function pick(entry) {
    selected = entry;
    closePopup();
    showError(null);
    input.value = '';
    input.hidden = true;
    chip.hidden = false;
    chip.textContent = entry.label;
    chip.append(h('span', { class: 'chip-x', 'aria-hidden': 'true' }, '×'));
    fields = entry.options.map(buildField);
    optionsBox.replaceChildren(...fields.map((f) => f.el));
    optionsBox.hidden = fields.length === 0;
    hint.textContent = entry.description + (fields.length ? '' : ' — press Enter to send.');
    const first = fields.find((f) => f.option.required) ?? fields[0];
    (first ? first.control : send).focus();
  }

  function reset(focus) {
    selected = null;
    fields = [];
    optionsBox.replaceChildren();
    optionsBox.hidden = true;
    chip.hidden = true;
    input.hidden = false;
    input.value = '';
    hint.textContent = '';
    closePopup();
    if (focus) input.focus();
  }

  // ---- one field per option ----
  function buildField(option) {
    const id = `opt-${option.name}`;
    const control = controlFor(option, id);
    const field = { option, control, chosen: null, uploadId: null };
    const el = h('label', { class: `option${option.required ? ' required' : ''}`, 'data-testid': `option-${option.name}`, for: id, title: option.description },
      h('span', { class: 'option-name' }, option.name, option.required ? h('span', { class: 'req', title: 'required' }, '*') : h('span', { class: 'optional' }, ' optional')),
      control,
      h('span', { class: 'option-type' }, TYPE_NAMES[option.type] ?? ''));
    field.el = el;
    control.addEventListener('focus', () => { hint.textContent = `${option.name}: ${option.description}`; });
    control.addEventListener('input', () => showError(null));

    if (option.type === OPTION.ATTACHMENT) {
      control.addEventListener('change', async () => {
        field.uploadId = null;
        const file = control.files?.[0];
        if (!file) return;
        field.pending = deps.upload(file).then((res) => {
          if (res?.id) field.uploadId = res.id;
          else showError(`Upload failed: ${res?.error ?? 'no id returned'}`);
        });
        await field.pending;
        field.pending = null;
      });
    }
    if (option.autocomplete) attachAutocomplete(field);
    field.value = () => valueOf(field);
    return field;
  }

  function controlFor(option, id) {
    const base = { id, name: option.name, 'data-testid': `option-input-${option.name}`, required: Boolean(option.required) };
    const select = (choices, placeholder) =>
      h('select', base, h('option', { value: '' }, placeholder), choices.map((c) => h('option', { value: String(c.value) }, c.name)));
    if (option.choices?.length) return select(option.choices, 'Choose…');
    switch (option.type) {
      case OPTION.BOOLEAN:
        return select([{ name: 'True', value: 'true' }, { name: 'False', value: 'false' }], 'Choose…');
      case OPTION.USER:
      case OPTION.CHANNEL:
      case OPTION.ROLE:
      case OPTION.MENTIONABLE:
        return select(entityChoices(option), 'Choose…');
      case OPTION.INTEGER:
      case OPTION.NUMBER:
        return h('input', { ...base, type: 'number', step: option.type === OPTION.INTEGER ? '1' : 'any', min: option.min_value ?? null, max: option.max_value ?? null, placeholder: option.description });
      case OPTION.ATTACHMENT:
        return h('input', { ...base, type: 'file' });
      default:
        return h('input', { ...base, type: 'text', autocomplete: 'off', minlength: option.min_length ?? null, maxlength: option.max_length ?? null, placeholder: option.description });
    }
  }

  /** The server's members, channels or roles, as the option's type and channel_types allow. */
  function entityChoices(option) {
    const state = deps.state();
    const personas = () => state.personas.map((p) => ({ name: `${p.displayName} (@${p.username})`, value: p.id }));
    const roles = () => [...state.roles].sort((a, b) => b.position - a.position).map((r) => ({ name: `@${r.name}`, value: r.id }));
    if (option.type === OPTION.USER) return personas();
    if (option.type === OPTION.ROLE) return roles();
    if (option.type === OPTION.MENTIONABLE) return [...personas(), ...roles()];
    const types = option.channel_types?.length ? option.channel_types : POSTABLE_DEFAULT;
    return state.channels.filter((c) => types.includes(c.type)).map((c) => ({ name: `${c.type === 11 || c.type === 12 ? '↳' : '#'} ${c.name}`, value: c.id }));
  }

  /** After a state event (a new thread, a new role) the pick lists are rebuilt, keeping what was chosen. */
  function refresh() {
    for (const field of fields) {
      const { option, control } = field;
      if (control.tagName !== 'SELECT' || option.choices?.length || ![OPTION.USER, OPTION.CHANNEL, OPTION.ROLE, OPTION.MENTIONABLE].includes(option.type)) continue;
      const kept = control.value;
      control.replaceChildren(h('option', { value: '' }, 'Choose…'), entityChoices(option).map((c) => h('option', { value: c.value }, c.name)));
      control.value = kept;
    }
    if (popupOwner === 'commands' && !popup.hidden) showCommands();
  }

  // ---- the bot's own autocomplete ----
  function attachAutocomplete(field) {
    let timer = null;
    let asked = 0;
    const ask = () => {
      clearTimeout(timer);
      timer = setTimeout(async () => {
        const ticket = ++asked;
        const choices = await deps.autocomplete({ ...commandBody(), options: currentOptions(true), focused: field.option.name });
        // An older answer arriving after a newer question is dropped.
        if (ticket !== asked || document.activeElement !== field.control) return;
        openPopup(field, choices.length ? `${field.option.name}: suggestions from Cohort` : `No suggestions for “${field.control.value}”`,
          choices.map((choice) => ({
            pick: () => {
              field.chosen = choice;
              field.control.value = choice.name;
              closePopup();
              focusNext(field);
            },
            el: h('div', { class: 'popup-item', role: 'option', 'data-testid': 'autocomplete-item', 'data-value': String(choice.value) },
              h('span', { class: 'popup-label' }, choice.name)),
          })));
      }, AUTOCOMPLETE_DELAY_MS);
    };
    field.control.addEventListener('input', () => { field.chosen = null; ask(); });
    field.control.addEventListener('focus', ask);
    field.control.addEventListener('blur', () => {
      clearTimeout(timer);
      asked++;
      if (popupOwner === field) closePopup();
    });
  }

  function focusNext(field) {
    const next = fields[fields.indexOf(field) + 1];
    (next?.control ?? send).focus();
  }

  function valueOf(field) {
    const { option, control } = field;
    if (option.type === OPTION.ATTACHMENT) return field.uploadId ?? undefined;
    const raw = control.value.trim();
    if (raw === '') return undefined;
    if (field.chosen && control.value === field.chosen.name) return field.chosen.value;
    if (option.type === OPTION.BOOLEAN) return raw === 'true';
    if (option.type === OPTION.INTEGER || option.type === OPTION.NUMBER) return Number(raw);
    return raw;
  }

  /** Every filled option; with partial, the focused text too, as Discord sends it while autocompleting. */
  function currentOptions(partial = false) {
    const options = {};
    for (const field of fields) {
      const value = partial && field.option.autocomplete && !field.chosen ? field.control.value : field.value();
      if (value !== undefined && value !== '') options[field.option.name] = value;
    }
    return options;
  }

  function commandBody() {
    return {
      personaId: deps.personaId(),
      channelId: deps.channel().id,
      name: selected.name,
      ...(selected.group ? { subcommandGroup: selected.group } : {}),
      ...(selected.sub ? { subcommand: selected.sub } : {}),
    };
  }

  async function submit() {
    if (busy) return;
    if (!selected) {
      if (input.value.trim() === '') return;
      showError('Cohort reads no messages. Type / to use a command.');
      return;
    }
    await Promise.all(fields.map((f) => f.pending));
    const missing = fields.filter((f) => f.option.required && f.value() === undefined).map((f) => f.option.name);
    if (missing.length) {
      showError(`Fill in ${missing.join(', ')} first.`);
      fields.find((f) => f.option.name === missing[0])?.control.focus();
      return;
    }
    const invalid = fields.find((f) => f.control.validity && !f.control.validity.valid);
    if (invalid) {
      showError(`${invalid.option.name}: ${invalid.control.validationMessage}`);
      invalid.control.focus();
      return;
    }
    busy = true;
    send.disabled = true;
    const label = selected.label;
    const res = await deps.run({ ...commandBody(), options: currentOptions() }, label);
    busy = false;
    send.disabled = false;
    if (res?.ok) reset(true);
    else showError(res?.error ?? 'The command was not sent.');
  }

  // ---- popup plumbing shared by commands and suggestions ----
  function openPopup(owner, heading, items) {
    popupOwner = owner;
    popupItems = items;
    popup.replaceChildren(h('div', { class: 'popup-heading' }, heading), ...items.map((item, i) => {
      item.el.addEventListener('mousedown', (e) => e.preventDefault()); // keep focus in the field
      item.el.addEventListener('click', () => item.pick());
      item.el.addEventListener('mousemove', () => setActive(i));
      return item.el;
    }));
    popup.hidden = false;
    setActive(0);
  }

  function setActive(i) {
    active = i;
    popupItems.forEach((item, j) => item.el.classList.toggle('active', j === i));
    popupItems[i]?.el.scrollIntoView({ block: 'nearest' });
  }

  function closePopup() {
    popup.hidden = true;
    popupItems = [];
    popupOwner = null;
  }

  function showError(text) {
    error.hidden = !text;
    error.textContent = text ?? '';
  }

  function setPlaceholder(text) {
    input.placeholder = text;
  }

  return { refresh, setPlaceholder, focus: () => (selected ? fields[0]?.control ?? send : input).focus() };
}
