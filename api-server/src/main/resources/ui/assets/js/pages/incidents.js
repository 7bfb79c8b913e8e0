// The incidents list: filters, sorting and paging happen on the server; the state lives in the URL.
import {get} from '../api.js';
import {h, field, select, time, number, badge, label} from '../dom.js';

const TYPES = ['BOLA', 'BRUTE_FORCE', 'CREDENTIAL_STUFFING', 'PASSWORD_SPRAYING', 'RECONNAISSANCE', 'TOKEN_SHARING',
  'JWT_TAMPERING', 'SCRAPING', 'RATE_ABUSE', 'ERROR_ABUSE', 'SQL_INJECTION', 'XSS', 'PATH_TRAVERSAL', 'LOG4SHELL',
  'BOLA_FOREIGN_OBJECTS', 'DISTRIBUTED_CREDENTIAL_STUFFING', 'IMPOSSIBLE_TRAVEL', 'SESSION_HIJACK', 'MASS_ASSIGNMENT'];
const KEYS = ['status', 'type', 'severity', 'actor', 'since', 'sort', 'order', 'limit'];
const PAGE = 50;

export function actorLink(actorId) {
  return h('a', {href: `#/actors/${encodeURIComponent(actorId)}`}, actorId);
}

export function incidentLink(incident) {
  return h('a', {href: `#/incidents/${encodeURIComponent(incident.id)}`}, incident.types.map(label).join(', ') || incident.id);
}

export function incidentRows(items) {
  return items.map((i) => h('tr', {},
    h('th', {scope: 'row'}, incidentLink(i)),
    h('td', {}, badge(i.severity)),
    h('td', {}, label(i.status)),
    h('td', {}, label(i.verdict)),
    h('td', {}, actorLink(i.actorId), i.addresses.length ? h('div', {class: 'muted'}, i.addresses.slice(0, 3).join(', ')) : null),
    h('td', {class: 'num'}, number(i.requestCount)),
    h('td', {class: 'num'}, `${Math.round(i.confidence * 100)} %`),
    h('td', {}, time(i.firstSeenMicros)),
    h('td', {}, time(i.lastSeenMicros))));
}

export async function incidentsPage({params, navigate}) {
  const query = Object.fromEntries(KEYS.map((k) => [k, params.get(k) || '']));
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const page = await get('/api/v1/incidents', {...query, offset, limit: query.limit || PAGE});

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter incidents'},
    field('Status', select('status', [['', 'Any'], ['open', 'Open'], ['resolved', 'Resolved'], ['dismissed', 'Dismissed']], query.status)),
    field('Type', select('type', [['', 'Any'], ...TYPES.map((t) => [t, label(t)])], query.type)),
    field('Severity at least', select('severity', [['', 'Any'], ['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['critical', 'Critical']], query.severity)),
    field('Actor, address or user', h('input', {name: 'actor', type: 'search', value: query.actor, placeholder: '203.0.113.7'})),
    field('Seen since', h('input', {name: 'since', type: 'date', value: query.since})),
    h('div', {class: 'actions'},
      h('button', {type: 'submit'}, 'Apply'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    navigate('/incidents', {...data, sort: query.sort, order: query.order});
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    navigate('/incidents', {});
  });

  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.items.length;
  const status = h('p', {class: 'result-count', role: 'status'},
    page.total === 0 ? 'No incident matches.' : `Incidents ${number(first)}–${number(last)} of ${number(page.total)}`);

  const sortKey = query.sort || 'lastSeen';
  const descending = query.order !== 'asc';
  const headers = [['Types'], ['Severity', 'severity'], ['Status'], ['Verdict'], ['Actor'], ['Requests', 'requests'],
    ['Confidence', 'confidence'], ['First seen', 'firstSeen'], ['Last seen', 'lastSeen']];
  const tableEl = page.items.length === 0 ? null : h('div', {class: 'table-wrap'},
    h('table', {id: 'incidents-table'},
      h('caption', {class: 'visually-hidden'}, 'Incidents'),
      h('thead', {}, h('tr', {}, headers.map(([name, key]) => h('th', {
        scope: 'col',
        'aria-sort': key && key === sortKey ? (descending ? 'descending' : 'ascending') : null,
      }, key ? sortButton(name, key) : name)))),
      h('tbody', {}, incidentRows(page.items))));

  // A column header sorts by its column, largest first; pressing it again reverses the order.
  function sortButton(name, key) {
    const button = h('button', {type: 'button', class: 'sort', title: `Sort by ${name.toLowerCase()}`}, name);
    button.addEventListener('click', () => {
      const ascending = key === sortKey && descending;
      navigate('/incidents', {...query, sort: key === 'lastSeen' ? '' : key, order: ascending ? 'asc' : ''});
    });
    return button;
  }

  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const go = (nextOffset) => navigate('/incidents', {...query, offset: nextOffset || ''});
  const prev = h('button', {type: 'button', disabled: page.offset === 0}, 'Previous page');
  const next = h('button', {type: 'button', disabled: last >= page.total}, 'Next page');
  prev.addEventListener('click', () => go(Math.max(0, page.offset - page.limit)));
  next.addEventListener('click', () => go(page.offset + page.limit));
  pager.append(prev, next);

  return [h('h1', {}, 'Incidents'), form, status, tableEl, pager];
}
