// Alerts (admin): destinations, a new destination's signing secret shown once, test sends, the delivery log and
// dead letters. Every value is set as text (dom.js); the secret is never stored by the page.
import {get, send} from '../api.js';
import {h, table, field, select, errorBox, badge, label} from '../dom.js';

const FORMATS = [['PERISCOPE_JSON', 'Periscope JSON'], ['SLACK', 'Slack'], ['OCSF', 'OCSF (SIEM)'], ['PAGERDUTY', 'PagerDuty']];
const SEVERITIES = [['LOW', 'Low'], ['MEDIUM', 'Medium'], ['HIGH', 'High'], ['CRITICAL', 'Critical']];
const CHANGES = ['OPENED', 'ESCALATED', 'RESOLVED', 'REOPENED'];
// Enforcement findings: auto-blocking stopped by a cap, a block that does not stop traffic (docs/alerts.md).
const ENFORCEMENT = ['CAP_REACHED', 'BLOCK_NOT_EFFECTIVE'];
// A secret just created, shown by the next render of the list and then forgotten.
let freshSecret = null;

function when(ms) {
  return ms ? new Date(ms).toISOString().replace('T', ' ').slice(0, 19) + ' UTC' : '—';
}

function resultBadge(result) {
  return badge(label(result), result === 'DELIVERED' ? 'status-up' : result === 'RETRY' ? 'medium' : 'status-down');
}

export async function alertsPage({navigate}) {
  let destinations;
  try {
    destinations = await get('/api/v1/alert-destinations');
  } catch (e) {
    if (e.status === 403) {
      return [h('h1', {}, 'Alerts'), h('p', {}, 'Alert destinations are managed by admins.')];
    }
    throw e;
  }
  const dead = (await get('/api/v1/alert-dead-letters')).items;
  const notice = h('div', {id: 'alert-notice', 'aria-live': 'polite'}, freshSecret ? secretNotice(freshSecret) : null);
  freshSecret = null;

  const rows = destinations.map((d) => {
    const test = h('button', {type: 'button', class: 'secondary', 'data-id': d.id}, `Test ${d.name}`);
    test.addEventListener('click', async () => {
      notice.replaceChildren(h('p', {}, 'Sending a test event…'));
      try {
        const r = await send('POST', `/api/v1/alert-destinations/${encodeURIComponent(d.id)}/test`);
        notice.replaceChildren(h('p', {role: 'status', id: 'test-result'}, resultBadge(r.result), ' ',
          r.status ? `HTTP ${r.status} in ${r.latencyMillis} ms` : (r.error || 'no answer'),
          r.body ? [' — ', h('code', {}, r.body)] : null));
      } catch (e) {
        notice.replaceChildren(errorBox(e));
      }
    });
    const actions = [h('a', {href: `#/alerts/${encodeURIComponent(d.id)}`}, 'Delivery log'), ' ', test];
    if (!d.declared) {
      const rotate = h('button', {type: 'button', class: 'secondary'}, 'Rotate secret');
      rotate.addEventListener('click', async () => {
        try {
          const r = await send('POST', `/api/v1/alert-destinations/${encodeURIComponent(d.id)}/rotate-secret`);
          notice.replaceChildren(secretNotice(r.secret, 'The old secret keeps signing during the grace period.'));
        } catch (e) {
          notice.replaceChildren(errorBox(e));
        }
      });
      const remove = h('button', {type: 'button', class: 'secondary'}, 'Delete');
      remove.addEventListener('click', async () => {
        if (window.confirm(`Delete the destination ${d.name}?`)) {
          await send('DELETE', `/api/v1/alert-destinations/${encodeURIComponent(d.id)}`);
          navigate('/alerts');
        }
      });
      actions.push(' ', rotate, ' ', remove);
    }
    const formatName = (FORMATS.find(([v]) => v === d.format) || [d.format, d.format])[1];
    const incidents = CHANGES.filter((c) => d.events.incidents.includes(c)).map(label).join(', ');
    return [d.name, h('code', {}, d.url), formatName, incidents || '—',
      label(d.minSeverity), d.enabled ? 'yes' : badge('disabled', 'status-disabled'),
      d.declared ? 'configuration' : `${d.signingSecrets} signing`, h('span', {class: 'actions'}, actions)];
  });

  const form = createForm(notice, navigate);
  return [
    h('h1', {}, 'Alerts'),
    notice,
    h('section', {'aria-labelledby': 'dest-h'}, h('h2', {id: 'dest-h'}, 'Destinations'),
      h('div', {id: 'destinations'}, table('Alert destinations',
        ['Name', 'URL', 'Format', 'Incidents', 'Minimum severity', 'Enabled', 'Secrets', 'Actions'], rows,
        'none yet. Add one below.'))),
    h('section', {'aria-labelledby': 'new-h'}, h('h2', {id: 'new-h'}, 'Add a destination'), form),
    h('section', {'aria-labelledby': 'dead-h'}, h('h2', {id: 'dead-h'}, 'Dead letters'),
      table('Alerts given up on', ['Time', 'Destination', 'Event', 'Result', 'Reason'],
        dead.map((d) => [when(d.atMillis), d.entry.destinationId, h('code', {}, d.entry.webhookId), resultBadge(d.result), d.reason]),
        'none.')),
  ];
}

function secretNotice(secret, note) {
  return h('div', {class: 'notice', role: 'status'},
    h('p', {}, 'Signing secret — copy it now, it is not shown again. ', note || ''),
    h('p', {}, h('code', {id: 'new-secret'}, secret)));
}

function createForm(notice, navigate) {
  const boxes = CHANGES.map((c) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'incidents', value: c, checked: true}), ` ${label(c)}`));
  const enforcementBoxes = ENFORCEMENT.map((k) => h('label', {class: 'check'},
    h('input', {type: 'checkbox', name: 'enforcement', value: k, checked: true}), ` ${label(k)}`));
  const form = h('form', {class: 'filters', id: 'new-destination', 'aria-label': 'Add an alert destination'},
    field('Name', h('input', {name: 'name', required: true, maxlength: 200})),
    field('URL (https)', h('input', {name: 'url', type: 'url', required: true})),
    field('Format', select('format', FORMATS, 'PERISCOPE_JSON')),
    field('Minimum severity', select('minSeverity', SEVERITIES, 'LOW')),
    field('Services (comma-separated, empty for all)', h('input', {name: 'services'})),
    field('PagerDuty routing key', h('input', {name: 'routingKey', autocomplete: 'off'})),
    h('fieldset', {}, h('legend', {}, 'Incidents'), boxes),
    h('fieldset', {}, h('legend', {}, 'Enforcement'), enforcementBoxes),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Add destination')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    const body = {
      name: data.get('name'), url: data.get('url'), format: data.get('format'), minSeverity: data.get('minSeverity'),
      services: String(data.get('services') || '').split(',').map((s) => s.trim()).filter((s) => s),
      events: {incidents: data.getAll('incidents'), changes: [], findings: [], enforcement: data.getAll('enforcement')},
      enabled: true, headers: {}, routingKey: data.get('routingKey') || null,
    };
    try {
      const created = await send('POST', '/api/v1/alert-destinations', body);
      freshSecret = created.secret;
      navigate('/alerts');
    } catch (e) {
      notice.replaceChildren(errorBox(e));
    }
  });
  return form;
}

export async function alertDeliveriesPage({arg}) {
  const d = await get(`/api/v1/alert-destinations/${encodeURIComponent(arg)}`);
  const log = (await get(`/api/v1/alert-destinations/${encodeURIComponent(arg)}/deliveries`)).items;
  return [
    h('h1', {}, `Delivery log: ${d.name}`),
    h('p', {}, h('a', {href: '#/alerts'}, 'All destinations')),
    h('div', {id: 'delivery-log'}, table('Latest delivery attempts', ['Time', 'Event', 'Attempt', 'Status', 'Latency', 'Result', 'Next retry', 'Error'],
      log.map((r) => [when(r.atMillis), h('code', {}, r.webhookId), String(r.attempt), r.status ? String(r.status) : '—',
        `${r.latencyMillis} ms`, resultBadge(r.result), when(r.nextAttemptMillis), r.error || '']), 'no attempts yet.')),
  ];
}
