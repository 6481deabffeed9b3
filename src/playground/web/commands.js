// Turns the bot's registered commands (APIApplicationCommand objects, as Discord stores them) into the
// entries Discord's "/" picker lists: one per runnable command, so "/schedule daily" and "/schedule weekly"
// are separate entries, and a group's subcommands read "/roles group sub".

export const OPTION = { SUB: 1, GROUP: 2, STRING: 3, INTEGER: 4, BOOLEAN: 5, USER: 6, CHANNEL: 7, ROLE: 8, MENTIONABLE: 9, NUMBER: 10, ATTACHMENT: 11 };

export const TYPE_NAMES = { 3: 'text', 4: 'whole number', 5: 'true/false', 6: 'member', 7: 'channel', 8: 'role', 9: 'member or role', 10: 'number', 11: 'file' };

export function commandEntries(commands) {
  const entries = [];
  // Only chat-input commands (type 1, or absent) are typed with "/"; user and message commands are not.
  for (const command of commands ?? []) {
    if (command.type !== undefined && command.type !== 1) continue;
    const options = command.options ?? [];
    const nested = options.filter((o) => o.type === OPTION.SUB || o.type === OPTION.GROUP);
    if (nested.length === 0) {
      entries.push(entry(command.name, null, null, command.description, options));
      continue;
    }
    for (const option of nested) {
      if (option.type === OPTION.SUB) entries.push(entry(command.name, null, option.name, option.description, option.options ?? []));
      else for (const sub of option.options ?? []) entries.push(entry(command.name, option.name, sub.name, sub.description, sub.options ?? []));
    }
  }
  return entries;
}

function entry(name, group, sub, description, options) {
  // Discord requires required options first; it is kept as registered.
  return { name, group, sub, description, options, label: ['/' + name, group, sub].filter(Boolean).join(' ') };
}

/** Entries whose label starts with the typed text, then those with any word starting with it. */
export function filterEntries(entries, typed) {
  const q = typed.trim().toLowerCase().replace(/^\//, '');
  if (!q) return entries;
  const label = (e) => e.label.slice(1);
  const starts = entries.filter((e) => label(e).startsWith(q));
  const words = entries.filter((e) => !starts.includes(e) && label(e).split(/[ -]/).some((w) => w.startsWith(q)));
  return [...starts, ...words];
}
