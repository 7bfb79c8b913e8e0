// Building the page with DOM calls only: text is always set as text, never parsed as HTML.

/** Creates an element: attrs are attributes (on* handlers are not accepted), children nodes or strings. */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === undefined || value === null || value === false) {
      continue;
    }
    if (key.startsWith('on')) {
      throw new Error('attach handlers with addEventListener');
    }
    el.setAttribute(key, value === true ? '' : String(value));
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === undefined || child === null || child === false) {
      continue;
    }
    if (Array.isArray(child)) {
      append(el, child);
    } else {
      el.append(child instanceof Node ? child : document.createTextNode(String(child)));
    }
  }
}

/** A table with a caption and column headers; rows are arrays of cells (nodes or text). */
export function table(caption, headers, rows, emptyText = 'Nothing to show.') {
  if (rows.length === 0) {
    return h('p', {class: 'empty'}, `${caption}: ${emptyText}`);
  }
  return h('div', {class: 'table-wrap'},
    h('table', {},
      h('caption', {}, caption),
      h('thead', {}, h('tr', {}, headers.map((name) => h('th', {scope: 'col'}, name)))),
      h('tbody', {}, rows.map((cells) => h('tr', {}, cells.map((c) => h('td', {}, c)))))));
}

/** A labelled form control wrapped for layout. */
export function field(label, control) {
  const id = control.id || `f-${Math.random().toString(36).slice(2)}`;
  control.id = id;
  return h('div', {class: 'field'}, h('label', {for: id}, label), control);
}

export function select(name, options, selected) {
  return h('select', {name},
    options.map(([value, text]) => h('option', {value, selected: value === (selected ?? '')}, text)));
}

export function time(micros) {
  if (!micros || micros < 0) {
    return '—';
  }
  const date = new Date(micros / 1000);
  return h('time', {datetime: date.toISOString()}, date.toISOString().replace('T', ' ').slice(0, 19) + ' UTC');
}

export function number(n) {
  return typeof n === 'number' ? n.toLocaleString('en-US') : '—';
}

export function percent(share) {
  return `${(share * 100).toFixed(share > 0 && share < 0.01 ? 2 : 0)} %`;
}

export function micros(us) {
  if (us === undefined || us < 0) {
    return '—';
  }
  return us >= 1000 ? `${(us / 1000).toFixed(1)} ms` : `${us} µs`;
}

export function bytes(n) {
  if (n >= 1024 * 1024) {
    return `${(n / 1024 / 1024).toFixed(1)} MiB`;
  }
  return n >= 1024 ? `${(n / 1024).toFixed(1)} KiB` : `${Math.round(n)} B`;
}

export function badge(text, kind = text) {
  return h('span', {class: `badge badge-${String(kind).toLowerCase()}`}, text);
}

export function errorBox(error) {
  return h('p', {class: 'error', role: 'alert'}, error.message || String(error));
}

/** Human name of an enum constant: SENSITIVE_DATA_IN_URL -> Sensitive data in URL. */
export function label(constant) {
  const words = String(constant).toLowerCase().split('_');
  return words.map((w, i) => (['url', 'jwt', 'ip'].includes(w) ? w.toUpperCase() : i === 0 ? w[0].toUpperCase() + w.slice(1) : w)).join(' ');
}

export function endpointLink(endpointId, method, pathTemplate) {
  return h('a', {href: `#/endpoints/${encodeURIComponent(endpointId)}`}, method ? [h('span', {class: 'method'}, method), ' '] : null, pathTemplate);
}

/** A count with its unit, singular or plural: counted(1, 'call') -> "1 call", counted(3, 'finding') -> "3 findings". */
export function counted(n, unit, plural = `${unit}s`) {
  return `${number(n)} ${n === 1 ? unit : plural}`;
}

function splitService(serviceKey) {
  const key = String(serviceKey ?? '');
  const sep = key.indexOf('|');
  return sep < 0 ? {session: '', host: key} : {session: key.slice(0, sep), host: key.slice(sep + 1)};
}

/**
 * A service as people name it: its host, with the mirror session it was seen on beside it in a small tag (the
 * internal key "session|host" is what the API takes, not what a person reads).
 */
export function serviceName(serviceKey) {
  const {session, host} = splitService(serviceKey);
  return h('span', {class: 'service', 'data-service': serviceKey}, host || '(no host)',
    session ? h('span', {class: 'service-session'}, h('span', {class: 'visually-hidden'}, ', mirror session '), session) : null);
}

/** The same as plain text, for a select option. */
export function serviceText(serviceKey) {
  const {session, host} = splitService(serviceKey);
  return session ? `${host || '(no host)'} · session ${session}` : host;
}
