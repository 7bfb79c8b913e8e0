// API documents: download the observed API as OpenAPI, and compare an uploaded document with it.
import {get, send, servicePath} from '../api.js';
import {h, table, field, select, number, errorBox, endpointLink, serviceName, serviceText} from '../dom.js';

export async function specsPage({params}) {
  const services = (await get('/api/v1/services')).items;
  const chosen = params.get('service') || (services[0] ? services[0].serviceKey : '');
  const downloads = table('Observed API per service', ['Service', 'Endpoints', 'OpenAPI document'],
    services.map((s) => [serviceName(s.serviceKey), number(s.endpoints),
      h('a', {href: servicePath(s.serviceKey, 'openapi'), download: '', class: 'download'}, `Download OpenAPI for ${s.host}`)]),
    'no services cataloged yet.');

  const result = h('div', {id: 'diff-result', 'aria-live': 'polite'});
  const file = h('input', {type: 'file', name: 'document', accept: '.json,.yaml,.yml,application/json,application/yaml', required: true});
  const form = h('form', {class: 'filters', id: 'spec-diff-form', 'aria-label': 'Compare an API document'},
    field('Service', select('service', services.map((s) => [s.serviceKey, serviceText(s.serviceKey)]), chosen)),
    field('OpenAPI or Swagger document (JSON or YAML, at most 5 MiB)', file),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Compare')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const service = new FormData(form).get('service');
    if (!file.files.length || !service) {
      result.replaceChildren(errorBox(new Error('Choose a service and a document.')));
      return;
    }
    result.replaceChildren(h('p', {}, 'Comparing…'));
    try {
      const diff = await send('POST', servicePath(service, 'spec-diff'), file.files[0], 'application/octet-stream');
      result.replaceChildren(...diffView(diff));
    } catch (e) {
      result.replaceChildren(errorBox(e));
    }
  });

  return [
    h('h1', {}, 'API documents'),
    h('section', {'aria-labelledby': 'export-h'}, h('h2', {id: 'export-h'}, 'Export'), downloads),
    h('section', {'aria-labelledby': 'diff-h'}, h('h2', {id: 'diff-h'}, 'Compare with a document'), services.length ? form : null, result),
  ];
}

function operationRows(ops) {
  return ops.map((o) => [o.method,
    o.endpointId ? endpointLink(o.endpointId, '', o.observedTemplate) : '—',
    o.documentedPath || '—', number(o.calls)]);
}

function driftRows(drifts) {
  return drifts.map((d) => [d.method, d.endpointId ? endpointLink(d.endpointId, '', d.observedTemplate) : '—',
    d.documentedPath, h('code', {}, d.what)]);
}

/** A document's references to other files or URLs are never fetched: say which ones the diff could not look into. */
function unfollowedNote(pointers) {
  if (pointers.length === 0) {
    return [];
  }
  return [h('p', {class: 'muted'}, `Not compared: ${pointers.length} reference(s) to other files or URLs, which are never `
    + 'fetched (bundle the document into one file to compare them): ', h('code', {}, pointers.join(', ')))];
}

function diffView(diff) {
  const mismatched = [...diff.undocumentedParameters, ...diff.undocumentedStatusCodes, ...diff.undocumentedResponseFields];
  const heading = (id, text, count) => h('h3', {id}, `${text} (${count})`);
  return [
    h('p', {role: 'status', class: 'result-count'}, `${diff.shadow.length} shadow, ${diff.zombie.length} zombie, `
      + `${diff.neverSeen.length} unused, ${mismatched.length} mismatched`),
    ...unfollowedNote(diff.unfollowedReferences || []),
    heading('shadow-h', 'Shadow: observed but not documented', diff.shadow.length),
    table('Shadow operations', ['Method', 'Observed', 'Documented', 'Calls'], operationRows(diff.shadow), 'none.'),
    heading('zombie-h', 'Zombie: documented as deprecated, still called', diff.zombie.length),
    table('Zombie operations', ['Method', 'Observed', 'Documented', 'Calls'], operationRows(diff.zombie), 'none.'),
    heading('unused-h', 'Unused: documented, never observed', diff.neverSeen.length),
    table('Unused operations', ['Method', 'Observed', 'Documented', 'Calls'], operationRows(diff.neverSeen), 'none.'),
    heading('mismatched-h', 'Mismatched: observed but not in the document', mismatched.length),
    table('Undocumented parameters, status codes and response fields', ['Method', 'Observed', 'Documented', 'Undocumented'],
      driftRows(mismatched), 'none.'),
  ];
}
