// The contributors' panel: every REST call the bot made against the loopback Discord, newest first,
// failures in red and contract violations spelled out, so a wrong request is seen as it happens.
import { h } from './dom.js';

const KEEP = 200;

export function createRequestLog(panel, toggle) {
  let entries = [];
  const list = h('ol', { class: 'request-list', 'data-testid': 'request-list' });
  const summary = h('div', { class: 'request-summary' });
  panel.append(h('header', { class: 'panel-header' }, h('h2', {}, 'Requests from the bot'), summary), list);

  const open = localStorage.getItem('cohort.requests') === 'open';
  setOpen(open);
  toggle.addEventListener('click', () => setOpen(panel.hidden));

  function setOpen(show) {
    panel.hidden = !show;
    toggle.setAttribute('aria-expanded', String(show));
    localStorage.setItem('cohort.requests', show ? 'open' : 'closed');
  }

  function row(r) {
    const failed = r.status >= 400;
    const violations = r.violations ?? [];
    return h('li', { class: `request${failed ? ' failed' : ''}${violations.length ? ' violating' : ''}`, 'data-testid': 'request', 'data-status': r.status },
      h('div', { class: 'request-line' },
        h('span', { class: `method m-${r.method}` }, r.method),
        h('span', { class: 'route', title: r.route }, r.route.replace(/^[A-Z]+ /, '')),
        h('span', { class: 'status' }, String(r.status))),
      violations.length
        ? h('ul', { class: 'violations', 'data-testid': 'violation' }, violations.map((v) =>
          h('li', {}, h('strong', {}, v.operation ?? 'contract'), v.at ? ` at ${v.at}` : '', `: ${v.message}`)))
        : null);
  }

  function draw() {
    const failed = entries.filter((r) => r.status >= 400).length;
    const violating = entries.filter((r) => r.violations?.length).length;
    summary.textContent = `${entries.length} calls · ${failed} failed · ${violating} with contract violations`;
    toggle.querySelector('.count').textContent = String(entries.length);
    const badge = toggle.querySelector('.alert');
    badge.hidden = violating === 0;
    badge.textContent = String(violating);
  }

  return {
    reset(all) {
      entries = all.slice(-KEEP);
      list.replaceChildren(...entries.map(row).reverse());
      draw();
    },
    add(r) {
      // The same call can come twice: in a refetched state and again as a replayed event.
      const same = (e) => e.at === r.at && e.route === r.route && e.status === r.status && e.method === r.method;
      if (entries.slice(-50).some(same)) return;
      entries.push(r);
      list.prepend(row(r));
      if (entries.length > KEEP) {
        entries.shift();
        list.lastElementChild?.remove();
      }
      draw();
    },
  };
}
