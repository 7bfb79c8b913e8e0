// The catalog table: filters, sorting and paging all happen on the server; the state lives in the URL.
import {get} from '../api.js';
import {h, field, select, time, number, percent, label, endpointLink, badge, serviceName, serviceText} from '../dom.js';
import {seriesSection} from '../charts.js';

const FINDINGS = ['SENSITIVE_DATA_WITHOUT_AUTH', 'CREDENTIAL_IN_URL', 'SENSITIVE_DATA_IN_URL', 'JWT_ALG_NONE',
  'JWT_WITHOUT_EXPIRY', 'STACK_TRACE_IN_RESPONSE'];
// Findings of a service itself (PATH_TRAVERSAL_ATTEMPT, CONTENT_DISCOVERY_PROBES) are on no endpoint: the probed
// paths page lists them.
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'HEAD', 'OPTIONS'];
// The catalog opens on importance: sensitive data called without credentials first, then the most called.
const SORTS = [['importance', 'Importance'], ['path', 'Path'], ['calls', 'Calls'], ['firstSeen', 'First seen'], ['lastSeen', 'Last seen'],
  ['findings', 'Open findings']];
const KEYS = ['service', 'method', 'q', 'sensitive', 'unauthenticated', 'finding', 'newSince', 'sort', 'order', 'limit'];
const PAGE = 50;

export async function catalogPage({params, navigate}) {
  const query = Object.fromEntries(KEYS.map((k) => [k, params.get(k) || '']));
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const [services, page, series] = await Promise.all([
    get('/api/v1/services'),
    get('/api/v1/endpoints', {...query, offset, limit: query.limit || PAGE}),
    // a service's page: the catalog filtered to one service shows that service's traffic over time
    query.service ? seriesSection({service: query.service}, 'Traffic of this service over time').catch((e) => e) : null,
  ]);

  const form = h('form', {class: 'filters', role: 'search', 'aria-label': 'Filter endpoints'},
    field('Path contains', h('input', {name: 'q', type: 'search', value: query.q, placeholder: '/users'})),
    field('Service', select('service', [['', 'All services'], ...services.items.map((s) => [s.serviceKey, serviceText(s.serviceKey)])], query.service)),
    field('Method', select('method', [['', 'Any method'], ...METHODS.map((m) => [m, m])], query.method)),
    field('Sensitive data type', h('input', {name: 'sensitive', type: 'text', value: query.sensitive, placeholder: 'email'})),
    field('Called without credentials', select('unauthenticated', [['', 'Either'], ['true', 'Yes'], ['false', 'Never']], query.unauthenticated)),
    field('Open finding', select('finding', [['', 'Any'], ...FINDINGS.map((f) => [f, label(f)])], query.finding)),
    field('New since', h('input', {name: 'newSince', type: 'date', value: query.newSince})),
    field('Sort by', select('sort', SORTS, query.sort || 'importance')),
    field('Order', select('order', [['asc', 'Ascending'], ['desc', 'Descending']], query.order || defaultOrder(query.sort))),
    h('div', {class: 'actions'},
      h('button', {type: 'submit'}, 'Apply'),
      h('button', {type: 'reset', class: 'secondary'}, 'Clear')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const data = Object.fromEntries(new FormData(form).entries());
    navigate('/catalog', {...data, sort: data.sort === 'importance' ? '' : data.sort,
      order: data.order === defaultOrder(data.sort === 'importance' ? '' : data.sort) ? '' : data.order});
  });
  form.addEventListener('reset', (event) => {
    event.preventDefault();
    navigate('/catalog', {});
  });

  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.items.length;
  const status = h('p', {class: 'result-count', role: 'status'},
    page.total === 0 ? 'No endpoint matches.' : `Endpoints ${number(first)}–${number(last)} of ${number(page.total)}`);

  const rows = page.items.map((e) => h('tr', {},
    h('th', {scope: 'row'}, endpointLink(e.endpointId, e.method, e.pathTemplate),
      e.neverSucceeded ? [' ', badge('never succeeded', 'never-succeeded')] : null),
    h('td', {class: 'nowrap'}, serviceName(e.serviceKey)),
    h('td', {class: 'num'}, number(e.calls)),
    h('td', {}, e.sensitiveTypes.join(', ') || '—'),
    h('td', {}, e.authSchemes.join(', ') || 'none', e.unauthenticatedShare > 0 ? ` · ${percent(e.unauthenticatedShare)} without` : ''),
    h('td', {}, e.findingTypes.map(label).join(', ') || '—'),
    h('td', {}, time(e.firstSeenMicros)),
    h('td', {}, time(e.lastSeenMicros), e.stale ? ' (stale)' : '')));
  const sortKey = query.sort || 'importance';
  const order = query.order || defaultOrder(query.sort);
  const headers = [['Endpoint', 'path'], ['Service'], ['Calls', 'calls'], ['Sensitive data'], ['Authentication'],
    ['Open finding types', 'findings'], ['First seen', 'firstSeen'], ['Last seen', 'lastSeen']];
  const tableEl = page.items.length === 0 ? null : h('div', {class: 'table-wrap'},
    h('table', {id: 'catalog-table'},
      h('caption', {class: 'visually-hidden'}, 'Endpoints'),
      h('thead', {}, h('tr', {}, headers.map(([name, key]) => h('th', {
        scope: 'col',
        'aria-sort': key && key === sortKey ? (order === 'desc' ? 'descending' : 'ascending') : null,
      }, key ? sortButton(name, key) : name)))),
      h('tbody', {}, rows)));

  // A column header sorts by its column; pressing it again reverses the order.
  function sortButton(name, key) {
    const button = h('button', {type: 'button', class: 'sort', title: `Sort by ${name.toLowerCase()}`}, name);
    button.addEventListener('click', () => {
      const descending = key === sortKey && order !== 'desc';
      navigate('/catalog', {...query, sort: key, order: descending ? 'desc' : 'asc'});
    });
    return button;
  }

  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const go = (nextOffset) => navigate('/catalog', {...query, offset: nextOffset || ''});
  const prev = h('button', {type: 'button', disabled: page.offset === 0}, 'Previous page');
  const next = h('button', {type: 'button', disabled: last >= page.total}, 'Next page');
  prev.addEventListener('click', () => go(Math.max(0, page.offset - page.limit)));
  next.addEventListener('click', () => go(page.offset + page.limit));
  pager.append(prev, next);

  const heading = query.service ? h('h1', {}, 'Catalog of ', serviceName(query.service)) : h('h1', {}, 'Catalog');
  return [heading, series instanceof Error ? h('p', {class: 'error', role: 'alert'}, series.message) : series, form, status, tableEl, pager];
}

/** The order a sort key means without one given: importance opens most important first, any other key ascending. */
function defaultOrder(sort) {
  return !sort || sort === 'importance' ? 'desc' : 'asc';
}
