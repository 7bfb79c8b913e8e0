// The change feed: what the catalog learned, newest first, paged on the server.
import {get} from '../api.js';
import {h, table, field, select, time, label, number, endpointLink, serviceName, serviceText} from '../dom.js';

const PAGE = 50;
export const CHANGE_HEADERS = ['When', 'Change', 'Endpoint', 'Subject', 'Before', 'After'];

export function changeRows(changes, withService) {
  return changes.map((c) => [time(c.atMicros), label(c.type),
    c.endpointId ? endpointLink(c.endpointId, c.method, c.pathTemplate) : (withService ? serviceName(c.serviceKey) : '—'),
    c.subject || '—', c.before ? h('code', {}, c.before) : '—', c.after ? h('code', {}, c.after) : '—']);
}

export async function changesPage({params, navigate}) {
  const service = params.get('service') || '';
  const offset = Math.max(0, parseInt(params.get('offset') || '0', 10) || 0);
  const [services, page] = await Promise.all([get('/api/v1/services'), get('/api/v1/changes', {service, offset, limit: PAGE})]);
  const form = h('form', {class: 'filters', 'aria-label': 'Filter changes'},
    field('Service', select('service', [['', 'All services'], ...services.items.map((s) => [s.serviceKey, serviceText(s.serviceKey)])], service)),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Apply')));
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    navigate('/changes', {service: new FormData(form).get('service')});
  });
  const pager = h('nav', {class: 'pager', 'aria-label': 'Pages'});
  const prev = h('button', {type: 'button', disabled: offset === 0}, 'Newer');
  const next = h('button', {type: 'button', disabled: offset + page.items.length >= page.total}, 'Older');
  prev.addEventListener('click', () => navigate('/changes', {service, offset: Math.max(0, offset - PAGE) || ''}));
  next.addEventListener('click', () => navigate('/changes', {service, offset: offset + PAGE}));
  pager.append(prev, next);
  return [
    h('h1', {}, 'Changes'),
    form,
    h('p', {class: 'result-count', role: 'status'}, `${number(page.total)} changes`),
    table('Catalog changes, newest first', [...CHANGE_HEADERS.slice(0, 2), 'Endpoint or service', ...CHANGE_HEADERS.slice(3)],
      changeRows(page.items, true), 'none recorded yet.'),
    pager,
  ];
}
