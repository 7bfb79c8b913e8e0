// One endpoint: parameters by location, body schema trees, sensitive data, authentication, latency and
// sizes, findings, the incidents that touched it and recent changes. Every example value is masked by the catalog before it is stored.
import {get} from '../api.js';
import {h, table, time, number, percent, micros, bytes, badge, label, counted, serviceName} from '../dom.js';
import {seriesSection} from '../charts.js';
import {changeRows, CHANGE_HEADERS} from './changes.js';
import {incidentRows, INCIDENT_HEADERS} from './incidents.js';

const INCIDENTS_SHOWN = 10;

export async function endpointPage({arg}) {
  const [e, series, incidents] = await Promise.all([get(`/api/v1/endpoints/${encodeURIComponent(arg)}`),
    seriesSection({endpoint: arg}, 'Traffic of this endpoint over time').catch((err) => err),
    get('/api/v1/incidents', {endpoint: arg, limit: INCIDENTS_SHOWN}).catch((err) => err)]);
  const t = e.traffic;
  return [
    h('p', {class: 'crumbs'}, h('a', {href: `#/catalog?service=${encodeURIComponent(e.serviceKey)}`}, serviceName(e.serviceKey))),
    h('h1', {}, h('span', {class: 'method'}, e.method), ' ', e.pathTemplate),
    e.neverSucceeded ? h('p', {}, badge('never succeeded', 'never-succeeded'),
      ' Every response was an error (typically 401 or 403): the endpoint exists, but no call seen was allowed through.') : null,
    h('dl', {class: 'facts'},
      fact('Service', serviceName(e.serviceKey)),
      fact('Calls', counted(t.calls, 'call')),
      fact('First seen', time(e.firstSeenMicros)),
      fact('Last seen', time(e.lastSeenMicros)),
      fact('State', e.stale ? 'stale (not seen recently)' : 'active'),
      e.mergedFrom.length ? fact('Merged from', `${e.mergedFrom.length} endpoints`) : null),
    series instanceof Error ? h('p', {class: 'error', role: 'alert'}, series.message) : series,
    section('parameters', 'Parameters', parameterTables(e.parameters)),
    section('schemas', 'Body schemas', schemaTrees(e.schemas)),
    section('sensitive', 'Sensitive data', [
      table('Sensitive data observed (masked examples)', ['Type', 'Where', 'Name', 'Values', 'Confidence', 'Example'],
        e.sensitiveData.map((s) => [badge(s.type, 'sensitive'), label(s.location), h('code', {}, s.name), number(s.count),
          percent(s.confidence), h('code', {}, s.maskedExample)]), 'none observed.'),
      partlyScanned(t)]),
    section('auth', 'Authentication', [
      table('Credential schemes', ['Scheme', 'Calls'], Object.entries(e.auth.schemes).map(([k, v]) => [k, number(v)]), 'no credentials seen.'),
      h('p', {}, `Calls without credentials: ${number(e.auth.unauthenticatedCalls)} (${percent(e.auth.unauthenticatedShare)}).`)]),
    section('traffic', 'Latency and size', [
      h('dl', {class: 'facts'},
        fact('Latency p50', micros(t.latency.p50Micros)), fact('p90', micros(t.latency.p90Micros)),
        fact('p99', micros(t.latency.p99Micros)), fact('max', micros(t.latency.maxMicros)),
        fact('Request bodies', `${number(t.requestBytes.count)} · mean ${bytes(mean(t.requestBytes))} · max ${bytes(t.requestBytes.max)}`),
        fact('Response bodies', `${number(t.responseBytes.count)} · mean ${bytes(mean(t.responseBytes))} · max ${bytes(t.responseBytes.max)}`),
        fact('Distinct clients (estimate)', number(t.distinctClients))),
      table('Responses by status', ['Status', 'Responses'], Object.entries(t.statusCodes).map(([k, v]) => [k, number(v)]), 'none.'),
    ]),
    section('incidents', incidents instanceof Error ? 'Incidents' : `Incidents (${counted(incidents.total, 'incident')})`,
      incidentsOf(arg, incidents)),
    section('findings', `Findings (${counted(e.findings.length, 'open finding')})`,
      e.findings.length === 0 ? h('p', {class: 'empty'}, 'No open findings.')
        : h('ul', {class: 'findings'}, e.findings.map((f) => h('li', {},
          badge(f.severity), ' ', h('strong', {}, label(f.type)), ` — ${f.subject}`,
          h('p', {}, 'Evidence (masked): ', h('code', {}, f.evidence)),
          h('p', {}, 'Remediation: ', f.remediation),
          h('p', {class: 'muted'}, `${number(f.count)} exchanges; last `, time(f.lastSeenMicros)))))),
    section('changes', 'Recent changes',
      table('Latest changes of this endpoint', CHANGE_HEADERS, changeRows(e.changes, false), 'none recorded.')),
  ];
}

// The incidents whose touched endpoints resolve to this one, most recent first; the full list is the incidents page
// filtered by this endpoint.
function incidentsOf(endpointId, page) {
  if (page instanceof Error) {
    return h('p', {class: 'error', role: 'alert'}, page.message);
  }
  if (page.total === 0) {
    return h('p', {class: 'empty', id: 'endpoint-incidents-none'}, 'No incident touched this endpoint.');
  }
  return [
    h('div', {class: 'table-wrap'},
      h('table', {id: 'endpoint-incidents'},
        h('caption', {class: 'visually-hidden'}, 'Incidents that touched this endpoint'),
        h('thead', {}, h('tr', {}, INCIDENT_HEADERS.map((n) => h('th', {scope: 'col'}, n)))),
        h('tbody', {}, incidentRows(page.items)))),
    h('p', {}, h('a', {href: `#/incidents?endpoint=${encodeURIComponent(endpointId)}`, id: 'endpoint-incidents-all'},
      page.total > page.items.length ? `All ${counted(page.total, 'incident')} of this endpoint` : 'Open them in the incidents list')),
  ];
}

function mean(size) {
  return size.count === 0 ? 0 : size.total / size.count;
}

function fact(term, value) {
  return [h('dt', {}, term), h('dd', {}, value)];
}

// Bodies whose sensitive-data scan stopped short (longer than the sensor's scan limit, cut by a capture gap, not
// JSON past the published part, or not scanned at all): the table above may miss types that sat in the unread part.
function partlyScanned(t) {
  const partly = (t.requestBytes.partlyScanned || 0) + (t.responseBytes.partlyScanned || 0);
  if (partly === 0) {
    return null;
  }
  const bodies = t.requestBytes.count + t.responseBytes.count;
  return h('p', {class: 'muted', 'data-partly-scanned': partly},
    `${number(partly)} of ${number(bodies)} bodies were only partly scanned for sensitive data `
    + '(longer than the scan limit, cut by a capture gap, or not JSON past the published part): '
    + 'types in the unread parts are not listed.');
}

function section(id, title, content) {
  return h('section', {'aria-labelledby': `${id}-h`}, h('h2', {id: `${id}-h`}, title), content);
}

function parameterTables(byLocation) {
  const entries = Object.entries(byLocation);
  if (entries.length === 0) {
    return h('p', {class: 'empty'}, 'No parameters observed outside bodies.');
  }
  return entries.map(([location, params]) => table(label(location),
    ['Name', 'Type', 'Present in', 'Examples (masked)', 'Sensitive'],
    params.map((p) => [h('code', {}, p.name), p.format ? `${p.type} (${p.format})` : p.type,
      percent(p.presenceRatio), p.examples.join(', ') || '—', p.sensitiveTypes.join(', ') || '—'])));
}

function schemaTrees(schemas) {
  const trees = [];
  if (schemas.request) {
    trees.push(h('h3', {}, 'Request body'), tree(schemas.request));
  }
  for (const [status, node] of Object.entries(schemas.responses)) {
    trees.push(h('h3', {}, `Response body, status ${status === '0' ? 'any' : status}`), tree(node));
  }
  return trees.length ? trees : h('p', {class: 'empty'}, 'No body fields observed.');
}

function tree(root) {
  return h('ul', {class: 'tree', role: 'tree', 'aria-label': 'Fields'}, root.children.map(node));
}

function node(n) {
  const describe = [h('code', {}, n.name)];
  if (n.type) {
    describe.push(' ', h('span', {class: 'type'}, n.format ? `${n.type} (${n.format})` : n.type));
  }
  if (n.presenceRatio >= 0 && n.presenceRatio < 1) {
    describe.push(` · optional (${percent(n.presenceRatio)})`);
  }
  if (n.sensitiveTypes.length) {
    describe.push(' ', ...n.sensitiveTypes.map((s) => badge(s, 'sensitive')));
  }
  if (n.examples.length) {
    describe.push(' · e.g. ', h('code', {}, n.examples[0]));
  }
  return h('li', {role: 'treeitem', 'aria-expanded': n.children.length ? 'true' : null}, describe,
    n.children.length ? h('ul', {role: 'group'}, n.children.map(node)) : null);
}
