// Renders one APIMessage the way Discord's client does: header, content, embeds, attachments, buttons,
// thread link, and the ephemeral and "thinking" states. All data comes from the message itself; the view
// passed in supplies names (for mentions), the clock and the actions (click, dismiss, open a channel).
import { avatar, cssColor, h } from './dom.js';
import { formatDate, markdown, messageTime } from './format.js';
import { icon } from './icons.js';

const EPHEMERAL = 64;
const LOADING = 128;
const BUTTON = 2;
const ACTION_ROW = 1;
const APP_COMMAND = 2;

/**
 * view: { ctx, personaFor(userId), commandLabel(message), threadFor(message), wasLoading(id),
 *         click(message, button) → Promise<string|null>, dismiss(message), openChannel(id) }
 */
export function renderMessage(message, view) {
  const flags = message.flags ?? 0;
  const ephemeral = Boolean(flags & EPHEMERAL);
  const loading = Boolean(flags & LOADING);
  const author = message.author ?? {};
  const persona = view.personaFor(author.id);
  const name = persona?.displayName ?? author.global_name ?? author.username ?? 'unknown';
  const edited = message.edited_timestamp && !loading && !view.wasLoading(message.id);

  const body = h('div', { class: 'body' },
    h('div', { class: 'header' },
      h('span', { class: 'author', style: persona ? `color:${persona.color}` : null }, name),
      author.bot ? h('span', { class: 'bot-tag', title: 'This member is a bot' }, 'BOT') : null,
      h('time', { datetime: message.timestamp, title: formatDate(Date.parse(message.timestamp), 'F') }, messageTime(Date.parse(message.timestamp), view.ctx.now)),
    ),
  );

  if (loading) {
    body.append(h('div', { class: 'thinking', 'data-testid': 'thinking' }, `${name} is thinking`, h('span', { class: 'dots', 'aria-hidden': 'true' }, h('i'), h('i'), h('i'))));
  } else {
    if (message.content) {
      body.append(h('div', { class: 'content', 'data-testid': 'message-content', html: markdown(message.content, view.ctx) + (edited ? ' <span class="edited" data-testid="edited">(edited)</span>' : '') }));
    } else if (edited) {
      body.append(h('div', { class: 'content' }, h('span', { class: 'edited', 'data-testid': 'edited' }, '(edited)')));
    }
    for (const embed of message.embeds ?? []) body.append(renderEmbed(embed, view));
    // Discord shows a file an embed displays (attachment://name) once, in the embed.
    const inEmbeds = new Set((message.embeds ?? []).flatMap((e) => [e.image, e.thumbnail]).flatMap((i) => (i ? [i.url, i.proxy_url] : [])));
    for (const file of message.attachments ?? []) if (!inEmbeds.has(file.url) && !inEmbeds.has(file.proxy_url)) body.append(renderAttachment(file));
    const rows = (message.components ?? []).map((row) => renderRow(row, message, view));
    if (rows.length) body.append(h('div', { class: 'components' }, rows));
  }

  const thread = view.threadFor(message);
  if (thread) {
    body.append(
      h('button', { class: 'thread-link', 'data-testid': 'thread-link', 'data-channel': thread.id, onclick: () => view.openChannel(thread.id) },
        threadIcon(), h('span', { class: 'thread-name' }, thread.name), h('span', { class: 'thread-open' }, 'Open thread ›')),
    );
  }
  if (ephemeral) {
    body.append(
      h('div', { class: 'ephemeral-note', 'data-testid': 'ephemeral-note' },
        eyeIcon(), 'Only you can see this • ',
        h('button', { class: 'link', 'data-testid': 'dismiss', onclick: () => view.dismiss(message) }, 'Dismiss message')),
    );
  }

  const li = h('li', { class: `message${ephemeral ? ' ephemeral' : ''}`, 'data-testid': 'message', 'data-id': message.id, 'data-ephemeral': ephemeral ? 'true' : 'false' },
    interactionLine(message, view),
    avatar(author.bot ? { bot: true, color: '#5865f2' } : { initials: persona?.initials ?? initialsOf(name), color: persona?.color ?? '#747f8d' }),
    body,
  );
  return li;
}

/** "Ada used /quiz" above a command's reply, as Discord shows it from interaction_metadata. */
function interactionLine(message, view) {
  const meta = message.interaction_metadata ?? message.interaction;
  if (!meta?.user || meta.type !== APP_COMMAND) return null;
  const persona = view.personaFor(meta.user.id);
  const who = persona?.displayName ?? meta.user.global_name ?? meta.user.username;
  return h('div', { class: 'interaction-line', 'data-testid': 'interaction-line' },
    h('span', { class: 'spine', 'aria-hidden': 'true' }),
    avatar({ initials: '', color: persona?.color ?? '#747f8d', size: 16 }), // too small for initials
    h('span', { class: 'who', style: persona ? `color:${persona.color}` : null }, who),
    ' used ',
    h('span', { class: 'command-name' }, view.commandLabel(message) ?? 'a command'),
  );
}

function renderEmbed(embed, view) {
  const color = cssColor(embed.color, '#202225');
  const fields = embed.fields ?? [];
  const el = h('article', { class: 'embed', 'data-testid': 'embed', style: `border-left-color:${color}` });
  if (embed.author?.name) el.append(h('div', { class: 'embed-author' }, embed.author.name));
  if (embed.title) {
    const title = markdown(embed.title, view.ctx, { inline: true });
    el.append(embed.url
      ? h('a', { class: 'embed-title', 'data-testid': 'embed-title', href: embed.url, target: '_blank', rel: 'noreferrer', html: title })
      : h('div', { class: 'embed-title', 'data-testid': 'embed-title', html: title }));
  }
  if (embed.description) el.append(h('div', { class: 'embed-description', 'data-testid': 'embed-description', html: markdown(embed.description, view.ctx) }));
  if (fields.length) {
    el.append(h('div', { class: 'embed-fields' }, fields.map((f) =>
      h('div', { class: `embed-field${f.inline ? ' inline' : ''}` },
        h('div', { class: 'field-name', html: markdown(f.name, view.ctx, { inline: true }) }),
        h('div', { class: 'field-value', html: markdown(f.value, view.ctx) })))));
  }
  if (embed.image?.url) el.append(h('img', { class: 'embed-image', 'data-testid': 'embed-image', src: embed.image.proxy_url ?? embed.image.url, alt: embed.title ?? '' }));
  if (embed.thumbnail?.url) {
    el.classList.add('has-thumbnail');
    el.append(h('img', { class: 'embed-thumbnail', src: embed.thumbnail.proxy_url ?? embed.thumbnail.url, alt: '' }));
  }
  const footer = [embed.footer?.text, embed.timestamp ? formatDate(Date.parse(embed.timestamp), 'f') : null].filter(Boolean);
  if (footer.length) el.append(h('div', { class: 'embed-footer' }, footer.join(' • ')));
  return el;
}

function renderAttachment(file) {
  const type = file.content_type ?? '';
  const isImage = type.startsWith('image/') || /\.(png|jpe?g|gif|webp)$/i.test(file.filename ?? '');
  if (isImage) {
    return h('img', { class: 'attachment-image', 'data-testid': 'attachment-image', src: file.proxy_url ?? file.url, alt: file.description ?? file.filename, title: file.description ?? file.filename, width: file.width ?? null, height: file.height ?? null });
  }
  return h('a', { class: 'attachment-file', href: file.url, target: '_blank', rel: 'noreferrer' }, `${file.filename} (${Math.ceil((file.size ?? 0) / 1024)} KB)`);
}

function renderRow(row, message, view) {
  if (row.type !== ACTION_ROW) return null;
  return h('div', { class: 'action-row' }, (row.components ?? []).map((c) => (c.type === BUTTON ? renderButton(c, message, view) : unsupported(c))));
}

function renderButton(button, message, view) {
  const content = [
    button.emoji?.name ? h('span', { class: 'emoji', 'aria-hidden': button.label ? 'true' : null }, button.emoji.name) : null,
    button.label ? h('span', {}, button.label) : null,
  ];
  if (button.style === 5) {
    return h('a', { class: 'button style-5', href: button.url, target: '_blank', rel: 'noreferrer', 'aria-disabled': button.disabled ? 'true' : null, 'data-testid': 'link-button' }, content, externalIcon());
  }
  const el = h('button', {
    class: `button style-${button.style ?? 2}`,
    'data-testid': 'component-button',
    'data-custom-id': button.custom_id,
    disabled: Boolean(button.disabled),
    onclick: async () => {
      el.disabled = true;
      el.classList.add('busy');
      const error = await view.click(message, button);
      el.classList.remove('busy');
      el.disabled = Boolean(button.disabled);
      const li = el.closest('.message');
      li?.querySelector('.click-error')?.remove();
      if (error) li?.querySelector('.body')?.append(h('div', { class: 'click-error', role: 'alert', 'data-testid': 'click-error' }, `This interaction failed: ${error}`));
    },
  }, content);
  return el;
}

function unsupported(component) {
  return h('div', { class: 'unsupported' }, `(component type ${component.type} is not shown in the playground)`);
}

function initialsOf(name) {
  return String(name).slice(0, 2).toUpperCase();
}

const eyeIcon = () => icon('eye');
const threadIcon = () => icon('thread');
const externalIcon = () => icon('external', 14);
