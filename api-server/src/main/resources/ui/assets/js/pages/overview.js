// Overview: catalog totals, sensitive data exposure, new endpoints, pipeline health and drops. Every number says
// its unit (endpoints, findings, calls, probed paths); finding counts all come from the open findings.
import {get, health} from '../api.js';
import {h, table, number, time, label, errorBox, badge, counted, serviceName} from '../dom.js';
import {seriesSection} from '../charts.js';

export async function overviewPage() {
  const [overview, pipeline, status, series] = await Promise.all([get('/api/v1/overview'), get('/api/v1/pipeline').catch((e) => e),
    health().catch((e) => e), seriesSection({}, 'Traffic over time, every service').catch((e) => e)]);
  const since = new Date(Date.now() - 7 * 24 * 3600 * 1000).toISOString().slice(0, 10);
  const stat = (title, value, href) => h('li', {class: 'stat'},
    h('span', {class: 'stat-value'}, href ? h('a', {href}, number(value)) : number(value)),
    h('span', {class: 'stat-label'}, title));
  return [
    h('h1', {}, 'Overview'),
    h('section', {'aria-labelledby': 'totals-h'},
      h('h2', {id: 'totals-h', class: 'visually-hidden'}, 'Totals'),
      h('ul', {class: 'stats'},
        stat('Services', overview.services.length, '#/specs'),
        stat('Endpoints', overview.endpoints, '#/catalog'),
        stat('Endpoints new this week', overview.newThisWeek, `#/catalog?newSince=${since}&sort=firstSeen&order=desc`),
        stat('Endpoints with sensitive data', overview.sensitiveEndpoints, null),
        stat('Endpoints with sensitive data called without credentials', overview.unauthenticatedSensitive, null),
        stat('Endpoints never successfully called', overview.neverSucceeded, null),
        stat(`Open findings, on ${counted(overview.endpointsWithFindings, 'endpoint')} and their services`, overview.findings, null),
        stat('Probed paths (not endpoints)', overview.probedPaths, '#/probed'))),
    series instanceof Error ? errorBox(series) : series,
    h('section', {'aria-labelledby': 'sensitive-h'},
      h('h2', {id: 'sensitive-h'}, 'Sensitive data exposure'),
      table('Endpoints per sensitive data type', ['Type', 'Endpoints'],
        Object.entries(overview.sensitiveByType).map(([type, count]) =>
          [h('a', {href: `#/catalog?sensitive=${encodeURIComponent(type)}`}, type), number(count)]),
        'no sensitive data observed yet.'),
      table('Open findings per type', ['Finding', 'Findings', 'On endpoints'],
        Object.entries(overview.findingsByType).map(([type, count]) => [
          // a finding of a service itself is on no endpoint: it is listed with the service's probed paths
          h('a', {href: count.endpoints === 0 ? '#/probed' : `#/catalog?finding=${type}`}, label(type)),
          counted(count.findings, 'finding'),
          count.endpoints === 0 ? 'on the service itself' : `on ${counted(count.endpoints, 'endpoint')}`]),
        'no open findings.')),
    h('section', {'aria-labelledby': 'services-h'},
      h('h2', {id: 'services-h'}, 'Services'),
      table('Services in the catalog', ['Service', 'Endpoints', 'Endpoints new this week', 'Endpoints with sensitive data',
        'Open findings', 'Probed paths', 'Calls', 'Last seen'],
        overview.services.map((s) => [
          h('a', {href: `#/catalog?service=${encodeURIComponent(s.serviceKey)}`}, serviceName(s.serviceKey)),
          number(s.endpoints), number(s.newThisWeek), number(s.sensitiveEndpoints), number(s.findings),
          h('a', {href: `#/probed?service=${encodeURIComponent(s.serviceKey)}`}, number(s.probedPaths)), number(s.calls),
          time(s.lastSeenMicros)]),
        'no traffic cataloged yet.')),
    pipelineSection(pipeline, status),
  ];
}

function pipelineSection(pipeline, status) {
  const section = h('section', {'aria-labelledby': 'pipeline-h'}, h('h2', {id: 'pipeline-h'}, 'Pipeline'));
  if (status instanceof Error) {
    section.append(errorBox(status));
  } else {
    section.append(table(`Health of this process: ${status.status}`, ['Component', 'Status'],
      [['Kafka', status.kafka.reachable ? 'UP' : `DOWN (${status.kafka.error || 'unreachable'})`],
        ...Object.entries(status.roles).map(([role, c]) => [role, c.status])].map(([name, state]) => [name, badge(state, `status-${state.split(' ')[0]}`)])));
  }
  if (pipeline instanceof Error) {
    section.append(errorBox(pipeline));
    return section;
  }
  section.append(
    table('Stages of this process', ['Stage', 'Meters', 'Dropped', 'Drops by reason'],
      pipeline.stages.map((s) => [s.stage, number(s.meters.length), number(s.dropped),
        s.drops.length === 0 ? 'none' : h('ul', {class: 'plain'}, s.drops.map((d) => h('li', {}, `${d.reason}: ${number(d.count)} (${d.name})`)))]),
      'no stage has reported yet.'),
    table('Kafka consumer lag', ['Consumer group', 'Lag (records)', 'Partitions'],
      pipeline.consumerGroups.map((g) => [g.group, number(g.lag), number(g.partitions.length)]),
      pipeline.lagError ? `unknown: ${pipeline.lagError}` : 'no Periscope consumer group has committed offsets yet.'));
  return section;
}
