// The playground page: keeps a copy of the server's state, applies the live events to it, and draws the
// Discord-like layout (channels, messages, members, composer, time control, request log).
import { showForm } from './form.js';
import * as api from './api.js';
import { avatar, bySnowflake, h } from './dom.js';
import { createComposer } from './composer.js';
import { formatDate } from './format.js';
import { icon } from './icons.js';
import { renderMessage } from './messages.js';
import { createRequestLog } from './requests.js';

const $ = (id) => document.getElementById(id);
const THREAD_TYPES = [10, 11, 12];
const TEXT_TYPES = [0, 5];

const store = {
  state: null,
  channelId: null,
  personaId: localStorage.getItem('cohort.persona'),
  messages: new Map(), // channelId → Map(messageId → APIMessage)
  ephemeral: new Map(), // messageId → { personaId, message }
  dismissed: new Set(),
  wasLoading: new Set(), // deferred replies: their completing edit is not an "(edited)" edit
  unread: new Set(),
  labels: new Map(JSON.parse(sessionStorage.getItem('cohort.labels') ?? '[]')), // interactionId → "/quiz"
  clock: null, // { now, offsetMs, nextPost, seenAt }
};

const requestLog = createRequestLog($('requests'), $('toggle-requests'));
const composer = createComposer($('composer'), {
  state: () => store.state,
  personaId: () => store.personaId,
  channel: () => channelById(store.channelId) ?? {},
  run: async (body, label) => {
    const res = await api.post('/api/command', body);
    if (res.ok && res.interactionId) {
      store.labels.set(res.interactionId, label);
      sessionStorage.setItem('cohort.labels', JSON.stringify([...store.labels].slice(-200)));
      renderMessages(true); // the reply may have arrived before this answer
    }
    return res;
  },
  autocomplete: async (body) => (await api.post('/api/autocomplete', body)).choices ?? [],
  upload: api.upload,
});

// ---- state and events ----

function loadState(state) {
  store.state = state;
  store.messages = new Map(Object.entries(state.messages ?? {}).map(([id, list]) => [id, new Map(list.map((m) => [m.id, m]))]));
  store.ephemeral = new Map((state.ephemeral ?? []).map((e) => [e.message.id, e]));
  for (const m of allMessages()) if ((m.flags ?? 0) & 128) store.wasLoading.add(m.id);
  setClock(state.clock);
  requestLog.reset(state.requests ?? []);
  if (!personaById(store.personaId)) store.personaId = (state.personas.find((p) => p.moderator) ?? state.personas[0])?.id ?? null;
  if (!channelById(store.channelId)) {
    const fromHash = decodeURIComponent(location.hash.slice(1));
    const named = state.channels.find((c) => c.id === fromHash || c.name === fromHash);
    store.channelId = (named ?? state.channels.find((c) => TEXT_TYPES.includes(c.type)) ?? state.channels[0])?.id ?? null;
  }
  document.title = `${state.guild.name} · Cohort playground`;
  $('guild-name').textContent = state.guild.name;
  $('guild-icon').textContent = initials(state.guild.name);
  renderChannels();
  renderMembers();
  renderPersonaPanel();
  renderHeader();
  renderMessages(true);
  composer.refresh();
}

function* allMessages() {
  for (const list of store.messages.values()) yield* list.values();
  for (const e of store.ephemeral.values()) yield e.message;
}

function applyMessageEvent({ kind, message, ephemeralFor }) {
  const id = message.id;
  if (kind === 'delete') {
    store.messages.get(message.channel_id)?.delete(id);
    store.ephemeral.delete(id);
  } else {
    if ((message.flags ?? 0) & 128) store.wasLoading.add(id);
    const known = store.ephemeral.get(id);
    // A private message (a "thinking" placeholder included) lives only with its persona, never in the channel.
    if (ephemeralFor || known) store.ephemeral.set(id, { personaId: ephemeralFor ?? known.personaId, message });
    else {
      if (!store.messages.has(message.channel_id)) store.messages.set(message.channel_id, new Map());
      store.messages.get(message.channel_id).set(id, message);
      if (kind === 'create' && message.channel_id !== store.channelId) store.unread.add(message.channel_id);
    }
    // A finished answer to a command may have changed the schedule: the clock's "next post" is read again.
    if (message.interaction_metadata && !((message.flags ?? 0) & 128)) syncClock();
  }
  if (message.channel_id === store.channelId) renderMessages();
  else renderChannels();
}

function connect() {
  const events = new EventSource('/api/events');
  let queue = []; // events that arrive before the first state are applied after it
  let broken = false;
  const on = (type, apply) =>
    events.addEventListener(type, (e) => {
      const data = JSON.parse(e.data);
      if (queue) return void queue.push(() => apply(data));
      apply(data);
      replay?.push(() => apply(data));
    });
  on('message', applyMessageEvent);
  on('request', (r) => requestLog.add(r));
  on('clock', (c) => { setClock(c); renderMessages(true); });
  on('state', () => refresh());
  // A form opens only for the persona who asked for it (it has no message of its own to show).
  on('modal', ({ personaId, interactionId, modal }) => {
    if (personaId !== store.personaId || !modal) return;
    showForm(modal, (values) => api.post('/api/modal', { personaId, interactionId, values }));
  });
  events.addEventListener('open', () => {
    $('offline').hidden = true;
    // Events sent while the connection was down are lost: the state is fetched again.
    if (broken) refresh();
    broken = false;
  });
  events.addEventListener('error', () => {
    broken = true;
    $('offline').hidden = false;
  });
  api.getState().then((state) => {
    loadState(state);
    const pending = queue;
    queue = null;
    pending.forEach((apply) => apply());
  });
}

/**
 * A command's finished reply may have changed the schedule, and the clock event the server sends after an
 * interaction can come before a deferred reply's work is done: the clock (and "next post") is read again.
 */
let clockTimer = null;
function syncClock() {
  clearTimeout(clockTimer);
  clockTimer = setTimeout(async () => setClock((await api.getState()).clock), 200);
}

/**
 * A state fetched again replaces the page's copy. Events that arrive while it is on its way may be newer than
 * it: they are applied again over it, in order, so the page ends on the latest version of every message.
 */
let refreshing = null;
let replay = null;
function refresh() {
  // Several state events in a row need one fetch, not one each.
  if (refreshing) return;
  replay = [];
  refreshing = api.getState().then((state) => {
    const newer = replay;
    replay = null;
    refreshing = null;
    loadState(state);
    newer.forEach((apply) => apply());
  });
}

// ---- lookups ----

const channelById = (id) => store.state?.channels.find((c) => c.id === id);
const personaById = (id) => store.state?.personas.find((p) => p.id === id);
const initials = (name) => name.split(/\s+/).map((w) => w[0]).join('').slice(0, 2).toUpperCase();

function markdownContext() {
  const { state } = store;
  const users = new Map(state.personas.map((p) => [p.id, { name: p.displayName }]));
  users.set(state.bot.id, { name: state.bot.username });
  return {
    users,
    roles: new Map(state.roles.map((r) => [r.id, r])),
    channels: new Map(state.channels.map((c) => [c.id, c])),
    now: clockNow(),
  };
}

// ---- channels ----

function renderChannels() {
  const { channels } = store.state;
  const threadsOf = (id) => channels.filter((c) => THREAD_TYPES.includes(c.type) && c.parentId === id);
  const link = (channel, thread) =>
    h('button', {
      class: `channel${thread ? ' thread' : ''}${channel.id === store.channelId ? ' active' : ''}${store.unread.has(channel.id) ? ' unread' : ''}`,
      'data-testid': 'channel-link', 'data-channel': channel.id, 'data-name': channel.name,
      'aria-current': channel.id === store.channelId ? 'page' : null,
      onclick: () => openChannel(channel.id),
    }, thread ? h('span', { class: 'channel-icon', 'aria-hidden': 'true' }, '↳') : channel.type === 5 ? icon('megaphone', 18, 'channel-icon') : h('span', { class: 'channel-icon', 'aria-hidden': 'true' }, '#'), h('span', { class: 'channel-name' }, channel.name));
  const items = [];
  const top = channels.filter((c) => TEXT_TYPES.includes(c.type) && !channels.some((p) => p.id === c.parentId && p.type === 4));
  const section = (title, list) => {
    items.push(h('div', { class: 'category' }, title));
    for (const channel of list) items.push(link(channel, false), ...threadsOf(channel.id).map((t) => link(t, true)));
  };
  section('Text channels', top);
  for (const category of channels.filter((c) => c.type === 4)) section(category.name, channels.filter((c) => c.parentId === category.id && TEXT_TYPES.includes(c.type)));
  $('channels').replaceChildren(...items);
}

function openChannel(id) {
  if (!channelById(id)) return;
  store.channelId = id;
  store.unread.delete(id);
  history.replaceState(null, '', `#${id}`);
  renderChannels();
  renderHeader();
  renderMessages(true);
  composer.focus();
}

// ---- members and persona ----

function renderMembers() {
  const { personas, bot } = store.state;
  const row = (p) =>
    h('button', {
      class: `member${p.id === store.personaId ? ' me' : ''}`, 'data-testid': 'member', 'data-persona': p.id,
      title: p.id === store.personaId ? 'You are playing this member' : `Play as ${p.displayName}`,
      onclick: () => setPersona(p.id),
    },
    avatar({ initials: p.initials, color: p.color, size: 32 }),
    h('span', { class: 'member-name', style: `color:${p.color}` }, p.displayName),
    p.moderator ? h('span', { class: 'mod-badge', title: 'Moderator', role: 'img', 'aria-label': 'Moderator' }, icon('shield', 14, 'icon')) : null,
    p.id === store.personaId ? h('span', { class: 'you-tag' }, 'you') : null);
  const mods = personas.filter((p) => p.moderator);
  const members = personas.filter((p) => !p.moderator);
  $('members').replaceChildren(
    h('div', { class: 'category' }, `Moderators — ${mods.length}`), ...mods.map(row),
    h('div', { class: 'category' }, `Members — ${members.length}`), ...members.map(row),
    h('div', { class: 'category' }, 'Apps — 1'),
    h('div', { class: 'member bot-member', 'data-testid': 'bot-member' }, avatar({ bot: true, size: 32 }), h('span', { class: 'member-name' }, bot.username), h('span', { class: 'bot-tag' }, 'BOT')),
  );
}

function renderPersonaPanel() {
  const persona = personaById(store.personaId);
  const select = $('persona-select');
  select.replaceChildren(...store.state.personas.map((p) =>
    h('option', { value: p.id, selected: p.id === store.personaId }, `${p.displayName}${p.moderator ? ' (moderator)' : ''}`)));
  select.value = store.personaId ?? '';
  $('persona-avatar').replaceChildren(...(persona ? [avatar({ initials: persona.initials, color: persona.color, size: 32 })] : []));
}

function setPersona(id) {
  if (!personaById(id) || id === store.personaId) return;
  store.personaId = id;
  localStorage.setItem('cohort.persona', id);
  renderMembers();
  renderPersonaPanel();
  renderMessages(true);
  renderHeader();
}

// ---- the message list ----

let rendered = new Map(); // messageId → { message, el }: unchanged messages keep their element

function visibleMessages() {
  const list = [...(store.messages.get(store.channelId)?.values() ?? [])];
  for (const { personaId, message } of store.ephemeral.values()) {
    if (personaId === store.personaId && message.channel_id === store.channelId && !store.dismissed.has(message.id)) list.push(message);
  }
  return list.sort(bySnowflake);
}

function renderMessages(all = false) {
  if (!store.state) return;
  const pane = $('scroller');
  const atBottom = pane.scrollHeight - pane.scrollTop - pane.clientHeight < 80;
  if (all) rendered = new Map();
  const view = messageView();
  const next = new Map();
  const els = visibleMessages().map((message) => {
    const old = rendered.get(message.id);
    const el = old && old.message === message ? old.el : renderMessage(message, view);
    next.set(message.id, { message, el });
    return el;
  });
  rendered = next;
  const channel = channelById(store.channelId);
  const list = $('messages');
  list.replaceChildren(
    h('li', { class: 'channel-start' },
      THREAD_TYPES.includes(channel?.type) ? h('div', { class: 'channel-start-icon' }, icon('thread', 40)) : h('div', { class: 'channel-start-icon', 'aria-hidden': 'true' }, '#'),
      h('h2', {}, `Welcome to ${THREAD_TYPES.includes(channel?.type) ? '' : '#'}${channel?.name ?? ''}!`),
      h('p', {}, els.length ? 'This is the start of the channel.' : 'Nothing here yet. Type / below to try a command — /help lists them all.')),
    ...els,
  );
  if (atBottom || all) pane.scrollTop = pane.scrollHeight;
  // Images load later and push the bottom down.
  for (const img of list.querySelectorAll('img:not([data-watched])')) {
    img.dataset.watched = '1';
    img.addEventListener('load', () => { if (atBottom || all) pane.scrollTop = pane.scrollHeight; }, { once: true });
  }
}

function messageView() {
  const ctx = markdownContext();
  return {
    ctx,
    personaFor: (id) => personaById(id),
    wasLoading: (id) => store.wasLoading.has(id),
    commandLabel: (message) => {
      const meta = message.interaction_metadata ?? message.interaction;
      const name = store.labels.get(meta?.id) ?? meta?.name;
      return name ? (name.startsWith('/') ? name : `/${name}`) : null;
    },
    threadFor: (message) => {
      const thread = message.thread ?? store.state.channels.find((c) => THREAD_TYPES.includes(c.type) && c.id === message.id);
      return thread ? { id: thread.id, name: thread.name } : null;
    },
    openChannel,
    dismiss: (message) => {
      store.dismissed.add(message.id);
      renderMessages();
    },
    click: async (message, button) => {
      const res = await api.post('/api/click', { personaId: store.personaId, channelId: message.channel_id, messageId: message.id, customId: button.custom_id });
      return res.ok ? null : res.error ?? 'no answer';
    },
  };
}

document.addEventListener('click', (e) => {
  const mention = e.target.closest?.('a.channel-mention');
  if (mention) {
    e.preventDefault();
    openChannel(mention.dataset.channel);
  }
});

// ---- header and the playground clock ----

function renderHeader() {
  const channel = channelById(store.channelId);
  const thread = THREAD_TYPES.includes(channel?.type);
  const parent = thread ? channelById(channel.parentId) : null;
  $('channel-title').replaceChildren(
    thread ? icon('thread', 20, 'channel-icon') : h('span', { class: 'channel-icon', 'aria-hidden': 'true' }, '#'),
    h('span', { 'data-testid': 'channel-title' }, channel?.name ?? ''),
    ...(parent ? [h('span', { class: 'thread-parent' }, `in #${parent.name}`)] : []),
  );
  const persona = personaById(store.personaId);
  composer.setPlaceholder(`Type / for Cohort's commands in ${thread ? '' : '#'}${channel?.name ?? ''}${persona ? ` — as ${persona.displayName}` : ''}`);
}

function setClock(clock) {
  if (!clock) return;
  store.clock = { ...clock, seenAt: Date.now() };
  renderClock();
}

/** The bot's clock runs on between events at the real pace. */
function clockNow() {
  const c = store.clock;
  return c ? c.now + (Date.now() - c.seenAt) : Date.now();
}

function renderClock() {
  if (!store.clock) return;
  $('clock').textContent = formatDate(clockNow(), 'F');
  $('clock').title = store.clock.offsetMs ? `The playground runs ${describeOffset(store.clock.offsetMs)} ahead of real time` : 'Real time';
  const next = store.clock.nextPost;
  const button = $('time-next');
  button.disabled = !next;
  const where = next && channelById(next.channelId);
  const tip = next
    ? `Next: the ${next.kind} post${where ? ` in #${where.name}` : ''}, due ${formatDate(next.at, 'F')}`
    : 'Nothing is scheduled yet: use /schedule daily (or /setup start) first';
  $('time-next-wrap').title = tip; // a disabled button shows no tooltip of its own in every browser
  button.setAttribute('aria-description', tip);
}

function describeOffset(ms) {
  const hours = Math.round(ms / 36e5);
  return hours >= 48 ? `${Math.round(hours / 24)} days` : `${hours} hour${hours === 1 ? '' : 's'}`;
}

async function moveTime(body) {
  const buttons = document.querySelectorAll('.time-button');
  buttons.forEach((b) => (b.disabled = true));
  const res = await api.post('/api/time', body);
  if (res.error) $('time-error').textContent = res.error;
  else $('time-error').textContent = '';
  if (res.now) setClock(res);
  buttons.forEach((b) => (b.disabled = false));
  renderClock();
  renderMessages(true);
}

$('time-next').addEventListener('click', () => moveTime({ action: 'next-post' }));
$('time-hour').addEventListener('click', () => moveTime({ action: 'advance', ms: 36e5 }));
$('time-day').addEventListener('click', () => moveTime({ action: 'advance', ms: 864e5 }));
$('persona-select').addEventListener('change', (e) => setPersona(e.target.value));
setInterval(renderClock, 10_000);
document.querySelector('.clock-icon').replaceWith(icon('clock', 16, 'clock-icon'));

connect();
