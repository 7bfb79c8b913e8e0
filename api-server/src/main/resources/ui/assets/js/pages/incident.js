// One incident: what, who, the verdict and why, a timeline chart, endpoints, evidence; admins dismiss or reopen.
import {get, send} from '../api.js';
import {h, table, time, number, badge, label, errorBox, endpointLink, serviceName} from '../dom.js';
import {live} from '../live.js';
import {actorLink} from './incidents.js';

const SVG = 'http://www.w3.org/2000/svg';
const SEVERITY_Y = {CRITICAL: 20, HIGH: 45, MEDIUM: 70, LOW: 95};

function svg(tag, attrs, ...children) {
  const el = document.createElementNS(SVG, tag);
  for (const [k, v] of Object.entries(attrs)) {
    el.setAttribute(k, String(v));
  }
  for (const child of children) {
    el.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return el;
}

/** The timeline as dots over event time, one row per severity, sized by how many signals each step merged. */
function timelineChart(incident) {
  const steps = incident.timeline;
  const start = incident.firstSeenMicros;
  const span = Math.max(1, incident.lastSeenMicros - start);
  const width = 760;
  const chart = svg('svg', {viewBox: `0 0 ${width + 90} 120`, role: 'img', class: 'timeline-chart',
    'aria-label': `Timeline: ${steps.length} steps from ${new Date(start / 1000).toISOString()}`});
  for (const [severity, y] of Object.entries(SEVERITY_Y)) {
    chart.append(svg('text', {x: 0, y: y + 4, class: 'axis'}, label(severity)));
    chart.append(svg('line', {x1: 80, x2: width + 85, y1: y, y2: y, class: 'grid'}));
  }
  for (const step of steps) {
    const x = 85 + ((step.timeMicros - start) / span) * width;
    const r = Math.min(9, 3 + Math.log2(1 + step.count));
    const dot = svg('circle', {cx: x.toFixed(1), cy: SEVERITY_Y[step.severity] || 95, r: r.toFixed(1),
      class: `dot dot-${step.severity.toLowerCase()}`});
    dot.append(svg('title', {}, `${label(step.type)} ×${step.count}: ${step.summary}`));
    chart.append(dot);
  }
  return h('figure', {class: 'timeline'}, chart,
    h('figcaption', {}, `From ${new Date(start / 1000).toISOString()} to ${new Date(incident.lastSeenMicros / 1000).toISOString()}`));
}

export async function incidentPage({arg, signal}) {
  const load = () => get(`/api/v1/incidents/${encodeURIComponent(arg)}`);
  const first = await load();
  // The decision's answer stays while the page follows the incident's next versions.
  const message = h('p', {role: 'status', class: 'result-count'});
  const decide = async (id, action) => {
    try {
      await send('POST', `/api/v1/incidents/${encodeURIComponent(id)}/${action}`, {});
      message.replaceChildren(`${label(action)} recorded; detection publishes the next version in a few seconds.`);
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  };

  function actions(i) {
    const box = h('div', {class: 'actions'});
    if (i.status === 'OPEN' || i.status === 'RESOLVED') {
      const dismiss = h('button', {type: 'button', id: 'dismiss', 'data-focus-key': 'dismiss'}, 'Dismiss as benign');
      dismiss.addEventListener('click', () => decide(i.id, 'dismiss'));
      box.append(dismiss);
    }
    if (i.status !== 'OPEN') {
      const reopen = h('button', {type: 'button', id: 'reopen', class: 'secondary', 'data-focus-key': 'reopen'}, 'Reopen');
      reopen.addEventListener('click', () => decide(i.id, 'reopen'));
      box.append(reopen);
    }
    return box;
  }

  const facts = (i) => h('dl', {class: 'facts'},
    h('dt', {}, 'Severity'), h('dd', {}, badge(i.severity)),
    h('dt', {}, 'Status'), h('dd', {id: 'incident-status'}, label(i.status)),
    h('dt', {}, 'Verdict'), h('dd', {id: 'incident-verdict'}, label(i.verdict), ' — ', i.verdictReason),
    h('dt', {}, 'Outcome'), h('dd', {}, label(i.outcome)),
    h('dt', {}, 'Confidence'), h('dd', {}, `${Math.round(i.confidence * 100)} %`),
    h('dt', {}, 'Actor'), h('dd', {}, actorLink(i.actor.id)),
    h('dt', {}, 'Addresses'), h('dd', {}, i.actor.addresses.map((a) => a.ip).join(', ') || '—'),
    h('dt', {}, 'Requests'), h('dd', {id: 'incident-requests'}, number(i.requestCount)),
    h('dt', {}, 'Signals'), h('dd', {id: 'incident-signals'}, number(i.signalCount)),
    h('dt', {}, 'First seen'), h('dd', {}, time(i.firstSeenMicros)),
    h('dt', {}, 'Last seen'), h('dd', {}, time(i.lastSeenMicros)),
    h('dt', {}, 'Version'), h('dd', {id: 'incident-version'}, `${i.version} (${label(i.change)})`));

  // An endpoint the catalog knows links to its page; one it does not (yet) shows detection's path as text.
  const endpointCell = (e) => (e.endpointId ? endpointLink(e.endpointId, null, e.path) : e.path);

  const heading = h('h1', {});
  const top = h('div', {});
  const details = h('div', {});
  function render(i) {
    heading.textContent = `${i.types.map(label).join(', ')} by ${i.actor.id}`;
    top.replaceChildren(facts(i), actions(i));
    details.replaceChildren(
      h('h2', {}, 'Timeline'), timelineChart(i),
      table('Timeline steps', ['Time', 'Type', 'Severity', 'Signals', 'Summary'],
        i.timeline.map((s) => [time(s.timeMicros), label(s.type), badge(s.severity), number(s.count), s.summary])),
      h('h2', {}, 'Endpoints'),
      table('Endpoints touched', ['Method', 'Path', 'Service', 'Requests'],
        i.endpoints.map((e) => [e.method || '—', endpointCell(e), e.serviceKey ? serviceName(e.serviceKey) : '—', number(e.requests)])),
      h('h2', {}, 'Evidence'),
      table('Evidence (masked)', ['Time', 'Type', 'Where', 'Value'],
        i.evidence.map((e) => [time(e.timeMicros), label(e.type), e.location || '—', h('code', {}, e.value || '—')])));
  }
  render(first);
  const liveState = live({signal, load, initial: first, apply: render});
  return [heading, top, message, liveState, details];
}
