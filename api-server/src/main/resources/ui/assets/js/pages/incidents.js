// The incidents list: filters, sorting and paging happen on the server; the state lives in the URL.
import {get} from '../api.js';
import {h, field, select, time, number, badge, label, endpointLink, serviceName} from '../dom.js';
import {live} from '../live.js';

const TYPES = ['BOLA', 'BRUTE_FORCE', 'CREDENTIAL_STUFFING', 'PASSWORD_SPRAYING', 'RECONNAISSANCE', 'TOKEN_SHARING',
  'JWT_TAMPERING', 'SCRAPING', 'RATE_ABUSE', 'ERROR_ABUSE', 'SQL_INJECTION', 'XSS', 'PATH_TRAVERSAL', 'LOG4SHELL',
  'BOLA_FOREIGN_OBJECTS', 'DISTRIBUTED_CREDENTIAL_STUFFING', 'IMPOSSIBLE_TRAVEL', 'SESSION_HIJACK', 'MASS_ASSIGNMENT'];
const KEYS = ['status', 'type', 'severity', 'actor', 'since', 'endpoint', 'sort', 'order', 'limit'];
const PAGE = 50;
/** The columns of incidentRows. */
export const INCIDENT_HEADERS = ['Types', 'Severity', 'Status', 'Verdict', 'Actor', 'Requests', 'Confidence', 'First seen', 'Last seen'];

export function actorLink(actorId) {
  return h('a', {href: `#/actors/${encodeURIComponent(actorId)}`}, actorId);
}

export function incidentLink(incident) {
  return h('a', {href: `#/incidents/${encodeURIComponent(incident.id)}`, 'data-focus-key': `incident-${incident.id}`}, incident.types.map(label).join(', ') || incident.id);
}

export function incidentRows(items) {
  return items.map((i) => h('tr', {'data-incident': i.id},
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

export async function incidentsPage({params, navigate, signal}) {
  const query = Object.fromEntries(KEYS.map((k) => [k, params.get(k) || '']));
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const load = () => get('/api/v1/incidents', {...query, offset, limit: query.limit || PAGE});
  const [page, endpoint] = await Promise.all([load(),
    query.endpoint ? get(`/api/v1/endpoints/${encodeURIComponent(query.endpoint)}`) : null]);

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter incidents'},
    field('Status', select('status', [['', 'Any'], ['open', 'Open'], ['resolved', 'Resolved'], ['dismissed', 'Dismissed']], query.status)),
    field('Type', select('type', [['', 'Any'], ...TYPES.map((t) => [t, label(t)])], query.type)),
    field('Severity at least', select('severity', [['', 'Any'], ['low', 'Low'], ['medium', 'Medium'], ['high', 'High'], ['critical', 'Critical']], query.severity)),
    field('Actor, address or user', h('input', {name: 'actor', type: 'search', value: query.actor, placeholder: '203.0.113.7'})),
    field('Seen since', h('input', {name: 'since', type: 'date', value: query.since})),
    query.endpoint ? h('input', {type: 'hidden', name: 'endpoint', value: query.endpoint}) : null,
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

  const scope = endpoint ? h('p', {id: 'incidents-endpoint'}, 'Only incidents that touched ',
    endpointLink(endpoint.endpointId, endpoint.method, endpoint.pathTemplate), ' (', serviceName(endpoint.serviceKey), '). ',
    h('a', {href: '#/incidents'}, 'Show all incidents')) : null;

  const sortKey = query.sort || 'lastSeen';
  const descending = query.order !== 'asc';
  const headers = [['Types'], ['Severity', 'severity'], ['Status'], ['Verdict'], ['Actor'], ['Requests', 'requests'],
    ['Confidence', 'confidence'], ['First seen', 'firstSeen'], ['Last seen', 'lastSeen']];

  // A column header sorts by its column, largest first; pressing it again reverses the order.
  function sortButton(name, key) {
    const button = h('button', {type: 'button', class: 'sort', title: `Sort by ${name.toLowerCase()}`, 'data-focus-key': `sort-${key}`}, name);
    button.addEventListener('click', () => {
      const ascending = key === sortKey && descending;
      navigate('/incidents', {...query, sort: key === 'lastSeen' ? '' : key, order: ascending ? 'asc' : ''});
    });
    return button;
  }

  // The count stays one live region (a region inserted anew is not announced); its text follows the answer.
  const status = h('p', {class: 'result-count', role: 'status'});
  function count(p) {
    const first = p.total === 0 ? 0 : p.offset + 1;
    const text = p.total === 0 ? 'No incident matches.'
      : `Incidents ${number(first)}–${number(p.offset + p.items.length)} of ${number(p.total)}`;
    if (status.textContent !== text) {
      status.textContent = text;
    }
  }

  // What depends on the answer besides the count: the table and the pager, rendered anew when the answer changes.
  function results(p) {
    const last = p.offset + p.items.length;
    const tableEl = p.items.length === 0 ? null : h('div', {class: 'table-wrap'},
      h('table', {id: 'incidents-table'},
        h('caption', {class: 'visually-hidden'}, 'Incidents'),
        h('thead', {}, h('tr', {}, headers.map(([name, key]) => h('th', {
          scope: 'col',
          'aria-sort': key && key === sortKey ? (descending ? 'descending' : 'ascending') : null,
        }, key ? sortButton(name, key) : name)))),
        h('tbody', {}, incidentRows(p.items))));
    const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
    const go = (nextOffset) => navigate('/incidents', {...query, offset: nextOffset || ''});
    const prev = h('button', {type: 'button', disabled: p.offset === 0, 'data-focus-key': 'page-prev'}, 'Previous page');
    const next = h('button', {type: 'button', disabled: last >= p.total, 'data-focus-key': 'page-next'}, 'Next page');
    prev.addEventListener('click', () => go(Math.max(0, p.offset - p.limit)));
    next.addEventListener('click', () => go(p.offset + p.limit));
    pager.append(prev, next);
    return [tableEl, pager].filter(Boolean);
  }

  count(page);
  const area = h('div', {id: 'incidents-results'}, results(page));
  const liveState = live({signal, load, initial: page, apply: (p) => {
    count(p);
    area.replaceChildren(...results(p));
  }});
  return [h('h1', {}, 'Incidents'), scope, form, status, liveState, area];
}
