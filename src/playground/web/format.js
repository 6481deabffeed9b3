// Discord's message markdown, the subset Cohort uses: mentions, timestamps, **bold**, *italic*, __underline__,
// ~~strike~~, `code`, ```blocks```, [masked](links), > quotes and -# subtext. Text is escaped first and
// every rule only wraps escaped text in tags, so the output is safe for innerHTML.
import { cssColor, escapeHtml } from './dom.js';

const STYLES = {
  t: { timeStyle: 'short' },
  T: { timeStyle: 'medium' },
  d: { dateStyle: 'short' },
  D: { dateStyle: 'long' },
  f: { dateStyle: 'long', timeStyle: 'short' },
  F: { dateStyle: 'full', timeStyle: 'short' },
};

export function formatDate(ms, style = 'f') {
  return new Intl.DateTimeFormat(undefined, STYLES[style] ?? STYLES.f).format(new Date(ms));
}

/** "in 3 hours", "2 days ago": relative to the playground's clock, which may run ahead of the real one. */
export function relative(ms, now) {
  const units = [['year', 31536e6], ['month', 2592e6], ['day', 864e5], ['hour', 36e5], ['minute', 6e4], ['second', 1e3]];
  const diff = ms - now;
  const [unit, size] = units.find(([, size]) => Math.abs(diff) >= size) ?? units.at(-1);
  return new Intl.RelativeTimeFormat(undefined, { numeric: 'auto' }).format(Math.round(diff / size), unit);
}

/** Discord's timestamp line under a message: "Today at 09:00", "Yesterday at …", or the date. */
export function messageTime(ms, now) {
  const day = (t) => new Date(t).toDateString();
  const time = formatDate(ms, 't');
  if (day(ms) === day(now)) return `Today at ${time}`;
  if (day(ms) === day(now - 864e5)) return `Yesterday at ${time}`;
  return `${formatDate(ms, 'd')} ${time}`;
}

/**
 * ctx: { users: Map<id,{name}>, roles: Map<id,{name,color}>, channels: Map<id,{name}>, now: number }
 * inline: true for embed titles and field names, where Discord ignores block syntax.
 */
export function markdown(text, ctx, { inline = false } = {}) {
  if (!text) return '';
  const kept = [];
  const keep = (html) => `\u0000${kept.push(html) - 1}\u0000`;

  let s = escapeHtml(text);
  // Code first, so nothing inside it is formatted.
  s = s.replace(/```(?:[a-z0-9+-]*\n)?([\s\S]*?)```/gi, (_, code) => keep(`<pre class="codeblock"><code>${code.replace(/\n$/, '')}</code></pre>`));
  s = s.replace(/`([^`\n]+)`/g, (_, code) => keep(`<code class="inline">${code}</code>`));

  s = s.replace(/&lt;@!?(\d+)&gt;/g, (_, id) => keep(`<span class="mention" data-user="${id}">@${escapeHtml(ctx.users.get(id)?.name ?? 'unknown-user')}</span>`));
  s = s.replace(/&lt;@&amp;(\d+)&gt;/g, (_, id) => {
    const role = ctx.roles.get(id);
    const color = cssColor(role?.color);
    const style = color ? ` style="--mention:${color}"` : '';
    return keep(`<span class="mention role${color ? ' coloured' : ''}"${style}>@${escapeHtml(role?.name ?? 'deleted-role')}</span>`);
  });
  s = s.replace(/&lt;#(\d+)&gt;/g, (_, id) => keep(`<a href="#" class="mention channel-mention" data-channel="${id}">#${escapeHtml(ctx.channels.get(id)?.name ?? 'unknown')}</a>`));
  s = s.replace(/&lt;\/([\w -]+):\d+&gt;/g, (_, name) => keep(`<span class="mention">/${name}</span>`));
  s = s.replace(/&lt;t:(-?\d+)(?::([tTdDfFR]))?&gt;/g, (_, unix, style = 'f') => {
    const ms = Number(unix) * 1000;
    const shown = style === 'R' ? relative(ms, ctx.now) : formatDate(ms, style);
    return keep(`<span class="timestamp" title="${escapeHtml(formatDate(ms, 'F'))}">${escapeHtml(shown)}</span>`);
  });
  s = s.replace(/@(everyone|here)\b/g, (m) => keep(`<span class="mention">${m}</span>`));
  s = s.replace(/\[([^\]\n]+)\]\((https?:\/\/[^)\s]+)\)/g, (_, label, href) => keep(`<a href="${href}" target="_blank" rel="noreferrer noopener">${label}</a>`));
  s = s.replace(/(^|[\s(])(https?:\/\/[^\s<]+[^\s<.,;:!?)])/g, (_, pre, href) => pre + keep(`<a href="${href}" target="_blank" rel="noreferrer noopener">${href}</a>`));

  s = s
    .replace(/\*\*([\s\S]+?)\*\*/g, '<strong>$1</strong>')
    .replace(/__([\s\S]+?)__/g, '<u>$1</u>')
    .replace(/~~([\s\S]+?)~~/g, '<s>$1</s>')
    .replace(/(^|[^\w*])\*(?!\s)([^*\n]+?)\*(?![\w*])/g, '$1<em>$2</em>')
    .replace(/(^|[^\w])_(?!\s)([^_\n]+?)_(?!\w)/g, '$1<em>$2</em>');

  if (!inline) {
    s = s
      .split('\n')
      .map((line) => {
        if (line.startsWith('&gt; ')) return `<div class="quote">${line.slice(5)}</div>`;
        if (line.startsWith('-# ')) return `<div class="subtext">${line.slice(3)}</div>`;
        const heading = /^(#{1,3}) (.*)$/.exec(line);
        if (heading) return `<div class="h${heading[1].length}">${heading[2]}</div>`;
        return line;
      })
      .join('\n')
      // Block lines carry their own break; plain lines keep Discord's newlines.
      .replace(/(<\/div>)\n/g, '$1')
      .replace(/\n/g, '<br>');
  }
  // A kept piece may hold another (a mention inside a link label): restore until none is left.
  while (/\u0000\d+\u0000/.test(s)) s = s.replace(/\u0000(\d+)\u0000/g, (_, i) => kept[Number(i)]);
  return s;
}
