// Probed paths: per service, the paths that only ever answered "not found" (a scanner's wordlist, stale links),
// kept apart from the catalog, with who probed them; and the findings of the service itself (content-discovery
// bursts, traversal attempts), which no endpoint owns.
import {get, servicePath} from '../api.js';
import {h, field, select, table, time, number, label, badge, counted} from '../dom.js';

const SORTS = [['calls', 'Calls'], ['clients', 'Distinct clients'], ['path', 'Path'], ['firstSeen', 'First seen'], ['lastSeen', 'Last seen']];
const PAGE = 50;
// Top clients shown per path: the few that explain a probe; the API returns up to 8.
const SHOWN_CLIENTS = 3;

export async function probedPage({params, navigate}) {
  const services = (await get('/api/v1/services')).items;
  const service = params.get('service') || (services.find((s) => s.probedPaths > 0) || services[0] || {}).serviceKey || '';
  const sort = params.get('sort') || 'calls';
  const order = params.get('order') || (sort === 'path' ? 'asc' : 'desc');
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const heading = h('h1', {}, 'Probed paths');
  const intro = h('p', {class: 'muted'}, 'Paths that only ever answered "not found" (404 or 405 by default). They are not endpoints: ',
    'they never appear in the catalog, its templates or the OpenAPI export. A probed path that later answers anything else joins the catalog.');
  if (!service) {
    return [heading, intro, h('p', {class: 'empty'}, 'No services cataloged yet.')];
  }
  const [page, findings] = await Promise.all([
    get(servicePath(service, 'probed-paths'), {sort, order, offset, limit: PAGE}),
    get('/api/v1/findings', {service, limit: 500}),
  ]);

  const form = h('form', {class: 'filters', 'aria-label': 'Choose a service'},
    field('Service', select('service', services.map((s) => [s.serviceKey, `${s.serviceKey} (${counted(s.probedPaths, 'probed path')})`]), service)),
    field('Sort by', select('sort', SORTS, sort)),
    field('Order', select('order', [['desc', 'Descending'], ['asc', 'Ascending']], order)),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Show')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('/probed', Object.fromEntries(new FormData(form).entries()));
  });

  const first = page.total === 0 ? 0 : page.offset + 1;
  const last = page.offset + page.items.length;
  const status = h('p', {class: 'result-count', role: 'status'},
    page.total === 0 ? 'No probed paths on this service.' : `Probed paths ${number(first)}–${number(last)} of ${number(page.total)}`);
  const rows = page.items.map((p) => [
    h('code', {}, `${p.method} ${p.pathTemplate}`),
    number(p.calls),
    number(p.distinctClients),
    p.topClients.length === 0 ? '—' : h('ul', {class: 'plain'}, p.topClients.slice(0, SHOWN_CLIENTS)
      .map((c) => h('li', {}, `${c.client}: ${counted(c.calls, 'call')}`))),
    Object.entries(p.statusCodes).map(([code, n]) => `${code} × ${number(n)}`).join(', '),
    time(p.firstSeenMicros),
    time(p.lastSeenMicros)]);
  const paths = table(`Probed paths of ${service}`, ['Path', 'Calls', 'Distinct clients', 'Top clients', 'Answers', 'First seen', 'Last seen'],
    rows, 'none.');
  if (paths.querySelector('table')) {
    paths.querySelector('table').id = 'probed-table';
  }

  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const go = (nextOffset) => navigate('/probed', {service, sort, order, offset: nextOffset || ''});
  const prev = h('button', {type: 'button', disabled: page.offset === 0}, 'Previous page');
  const next = h('button', {type: 'button', disabled: last >= page.total}, 'Next page');
  prev.addEventListener('click', () => go(Math.max(0, page.offset - page.limit)));
  next.addEventListener('click', () => go(page.offset + page.limit));
  pager.append(prev, next);

  const own = findings.items.filter((f) => f.endpointId === '');
  const ownSection = h('section', {'aria-labelledby': 'service-findings-h'},
    h('h2', {id: 'service-findings-h'}, `Findings of the service itself (${counted(own.length, 'finding')})`),
    own.length === 0 ? h('p', {class: 'empty'}, 'No open findings on the service itself.')
      : h('ul', {class: 'findings', id: 'service-findings'}, own.map((f) => h('li', {},
        badge(f.severity), ' ', h('strong', {}, label(f.type)), ` — ${f.subject}`,
        h('p', {}, 'Evidence (masked): ', h('code', {}, f.evidence)),
        h('p', {}, 'Remediation: ', f.remediation),
        h('p', {class: 'muted'}, `${counted(f.count, 'exchange')}; last `, time(f.lastSeenMicros))))));

  return [heading, intro, form, status, paths, pager, ownSection];
}
