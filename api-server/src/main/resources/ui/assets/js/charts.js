// Calls, error rate, latency p50/p95 and the status mix over time, for the overview, a service or an endpoint.
// The charts are uPlot (served from this app under /assets/vendor/uplot/); sizes and colours are set through the
// CSS object model, never through inline style markup, so the Content-Security-Policy holds.
import uPlot from '/assets/vendor/uplot/uPlot.esm.js';
import {get} from './api.js';
import {h, number, percent, micros} from './dom.js';

const RANGES = [
  {resolution: 'minute', text: 'Last 3 hours, per minute'},
  {resolution: 'hour', text: 'Last 7 days, per hour'},
];
const CLASSES = ['2xx', '3xx', '4xx', '5xx', 'none', '1xx', 'other'];
const COLOURS = {calls: '#0b4fb3', errors: '#a3141f', p50: '#17612c', p95: '#8a4b00'};

/**
 * The series section: scope is {service, endpoint} (both empty: every service). Resolves once the first series is
 * drawn; the range buttons reload it in place.
 */
export async function seriesSection(scope, title = 'Traffic over time') {
  const body = h('div', {class: 'series-body'});
  const section = h('section', {id: 'series', class: 'series', 'aria-labelledby': 'series-h', 'data-scope': scopeName(scope)},
    h('h2', {id: 'series-h'}, title));
  const buttons = RANGES.map((range, i) => {
    const button = h('button', {type: 'button', class: i === 0 ? '' : 'secondary', 'aria-pressed': i === 0 ? 'true' : 'false',
      'data-resolution': range.resolution}, range.text);
    button.addEventListener('click', async () => {
      buttons.forEach((b) => {
        const on = b === button;
        b.setAttribute('aria-pressed', on ? 'true' : 'false');
        b.classList.toggle('secondary', !on);
      });
      await draw(range.resolution);
    });
    return button;
  });
  section.append(h('div', {class: 'series-ranges', role: 'group', 'aria-label': 'Time range'}, buttons), body);

  async function draw(resolution) {
    const series = await get('/api/v1/series', {service: scope.service, endpoint: scope.endpoint, resolution});
    body.replaceChildren(...render(series));
  }
  await draw(RANGES[0].resolution);
  return section;
}

function scopeName(scope) {
  return scope.endpoint ? 'endpoint' : scope.service ? 'service' : 'overview';
}

function render(series) {
  if (series.points.length === 0) {
    return [h('p', {class: 'empty series-empty'}, 'No traffic in this range yet.')];
  }
  const step = series.bucketSeconds;
  // every bucket from the first to the last, so that a quiet minute shows as zero calls, not as a line across it
  const first = series.points[0].startMicros / 1e6;
  const last = series.points[series.points.length - 1].startMicros / 1e6;
  const byStart = new Map(series.points.map((p) => [p.startMicros / 1e6, p]));
  const xs = [];
  for (let t = first; t <= last; t += step) {
    xs.push(t);
  }
  const at = (t) => byStart.get(t);
  const calls = xs.map((t) => (at(t) ? at(t).calls : 0));
  const errorRate = xs.map((t) => (at(t) ? at(t).errorRate * 100 : null));
  const p50 = xs.map((t) => (at(t) && at(t).p50Micros >= 0 ? at(t).p50Micros / 1000 : null));
  const p95 = xs.map((t) => (at(t) && at(t).p95Micros >= 0 ? at(t).p95Micros / 1000 : null));
  const width = chartWidth();
  return [
    h('p', {class: 'series-summary'},
      `${number(series.calls)} calls, ${number(series.errors)} errors (${percent(series.calls ? series.errors / series.calls : 0)}) `
      + `in ${number(series.points.length)} ${series.resolution === 'HOUR' ? 'hours' : 'minutes'} with traffic.`),
    h('div', {class: 'charts'},
      chart('calls', 'Calls', width, xs, [{label: 'Calls', stroke: COLOURS.calls, fill: 'rgba(11, 79, 179, 0.12)', data: calls}],
        (v) => number(v)),
      chart('errors', 'Error rate (5xx and unanswered), %', width, xs,
        [{label: 'Error rate %', stroke: COLOURS.errors, data: errorRate}], (v) => `${v.toFixed(1)} %`),
      chart('latency', 'Server latency, ms', width, xs, [
        {label: 'p50', stroke: COLOURS.p50, data: p50},
        {label: 'p95', stroke: COLOURS.p95, data: p95, dash: [6, 4]},
      ], (v) => micros(Math.round(v * 1000)))),
    statusMix(series),
  ];
}

function chartWidth() {
  const main = document.getElementById('main');
  const available = main ? main.clientWidth - 48 : 900;
  // two charts side by side when there is room for both
  return Math.max(280, Math.min(640, available >= 1000 ? Math.floor(available / 2) - 24 : available));
}

function chart(name, title, width, xs, lines, format) {
  const points = lines.reduce((n, line) => n + line.data.filter((v) => v !== null && v !== undefined).length, 0);
  const holder = h('div', {class: 'chart-plot'});
  const figure = h('figure', {class: 'chart', 'data-chart': name, 'data-points': points},
    h('figcaption', {}, title), holder);
  const options = {
    width,
    height: 180,
    cursor: {drag: {x: false, y: false}},
    legend: {show: lines.length > 1},
    // counts, rates and durations start at zero, so that a flat line reads as what it is
    scales: {x: {time: true}, y: {range: (u, min, max) => [0, max > 0 ? max * 1.1 : 1]}},
    axes: [{}, {values: (u, values) => values.map(format), size: 70}],
    series: [{}, ...lines.map((line) => ({
      label: line.label, stroke: line.stroke, fill: line.fill, width: 2, dash: line.dash, spanGaps: false,
      value: (u, v) => (v === null || v === undefined ? '—' : format(v)),
    }))],
  };
  // uPlot measures nothing until it is in the document; it draws at the given size right away
  figure.uplot = new uPlot(options, [xs, ...lines.map((line) => line.data)], holder);
  return figure;
}

function statusMix(series) {
  const total = Object.values(series.statusClasses).reduce((a, b) => a + b, 0);
  const classes = CLASSES.filter((c) => series.statusClasses[c]);
  const bar = h('div', {class: 'mix-bar', role: 'img',
    'aria-label': classes.map((c) => `${c}: ${percent(series.statusClasses[c] / total)}`).join(', ')});
  for (const c of classes) {
    const segment = h('span', {class: `mix-segment mix-${c}`, 'data-class': c, title: `${c}: ${number(series.statusClasses[c])}`});
    segment.style.width = `${(100 * series.statusClasses[c]) / total}%`;
    bar.append(segment);
  }
  return h('div', {class: 'status-mix', 'data-total': total},
    h('h3', {}, 'Status mix'),
    bar,
    h('ul', {class: 'mix-legend'}, classes.map((c) => h('li', {},
      h('span', {class: `mix-swatch mix-${c}`, 'aria-hidden': 'true'}),
      `${c}: ${number(series.statusClasses[c])} (${percent(series.statusClasses[c] / total)})`))),
    h('p', {class: 'mix-codes'}, 'Most frequent codes: ',
      series.topCodes.map((s, i) => [i ? ', ' : '', h('code', {}, s.code), ` ${number(s.calls)}`])));
}
