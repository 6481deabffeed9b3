// The playground's own HTTP API (same origin). Every call resolves to the parsed JSON body, error or not:
// the server answers { ok:false, error } with status 400 and the page shows that text.

async function call(path, init) {
  const res = await fetch(path, init);
  const text = await res.text();
  try {
    return JSON.parse(text);
  } catch {
    return { ok: false, error: text || `${res.status} ${res.statusText}` };
  }
}

export const getState = () => call('/api/state');

export const post = (path, body) =>
  call(path, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });

/** Sends a file's raw bytes; the id it returns is the value of an attachment option. */
export const upload = (file) =>
  call(`/api/upload?filename=${encodeURIComponent(file.name)}`, {
    method: 'POST',
    headers: { 'content-type': file.type || 'application/octet-stream' },
    body: file,
  });
