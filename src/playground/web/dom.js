// Tiny DOM helpers: building elements with h() keeps text out of innerHTML, so nothing the bot sends can inject markup.

/**
 * h('div', { class: 'x', 'data-testid': 'y', onclick: fn }, child, 'text', [more]) → HTMLElement.
 * Attributes set to false/null/undefined are left out; functions under on* become listeners.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs ?? {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') el.addEventListener(key.slice(2), value);
    else if (key === 'class') el.className = value;
    else if (key === 'html') el.innerHTML = value; // only for markup built by format.js from escaped text
    else if (key in el && typeof value !== 'string') el[key] = value; // properties like disabled, value
    else el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) append(el, child);
    else el.append(child instanceof Node ? child : String(child));
  }
}

export function escapeHtml(text) {
  return String(text).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]);
}

/** A round avatar: the persona's initials on its colour, or Cohort's mark for the bot. */
export function avatar({ initials = '?', color = '#5865f2', bot = false, size = 40 } = {}) {
  const el = h('div', { class: 'avatar', style: `--size:${size}px;background:${color}`, 'aria-hidden': 'true' });
  if (bot) {
    // A small open book: drawn here so the page loads no images.
    el.innerHTML =
      '<svg viewBox="0 0 24 24" width="60%" height="60%" fill="none" stroke="#fff" stroke-width="2" stroke-linejoin="round">' +
      '<path d="M3 5.5c3-1.5 6-1.5 9 .5 3-2 6-2 9-.5V19c-3-1.5-6-1.5-9 .5-3-2-6-2-9-.5z"/><path d="M12 6v13.5"/></svg>';
  } else {
    el.textContent = initials;
  }
  return el;
}

/** Discord's integer colours as CSS; 0 means "no colour". */
export function cssColor(value, fallback = null) {
  if (typeof value === 'string') return value;
  if (!value) return fallback;
  return `#${value.toString(16).padStart(6, '0')}`;
}

/** Snowflakes are ordered by value; they exceed 2^53, so they are compared as BigInts. */
export function bySnowflake(a, b) {
  const x = BigInt(a.id), y = BigInt(b.id);
  return x < y ? -1 : x > y ? 1 : 0;
}
