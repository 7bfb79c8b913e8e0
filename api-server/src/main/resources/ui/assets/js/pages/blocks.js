// Blocks: what enforcement decided, why, for how long, and where it is in AWS; the audit trail below.
// Admins block and unblock here (the server refuses anyone else with 403 and says so).
import {get, send} from '../api.js';
import {h, table, field, time, label, badge, errorBox, number} from '../dom.js';

// Long.MAX_VALUE micros: a manual block without expiry.
const NEVER = 9e18;

function expires(micros) {
  return micros >= NEVER ? 'never' : time(micros);
}

function inAws(block) {
  if (block.appliedTo.length === 0) {
    return block.state === 'PENDING' ? 'not yet' : '—';
  }
  return h('ul', {class: 'plain'}, block.appliedTo.map((point) => h('li', {}, h('code', {}, point))));
}

function why(block) {
  return [block.reason || '—', block.stateReason ? h('div', {class: 'muted'}, block.stateReason) : null];
}

function unblockButton(block, navigate, status) {
  if (block.state !== 'PENDING' && block.state !== 'ACTIVE' && block.state !== 'DRY_RUN') {
    return '—';
  }
  const button = h('button', {type: 'button', 'data-unblock': block.id}, 'Unblock');
  button.addEventListener('click', async () => {
    const reason = window.prompt(`Why unblock ${block.target}?`);
    if (!reason) {
      return;
    }
    try {
      await send('POST', `/api/v1/blocks/${encodeURIComponent(block.id)}/unblock`, {reason});
      navigate('/blocks', {});
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });
  return button;
}

function blockForm(navigate, status) {
  const form = h('form', {class: 'filters', 'aria-label': 'Block an address'},
    field('Address or CIDR', h('input', {name: 'target', required: true, maxlength: 64, placeholder: '203.0.113.7'})),
    field('Reason', h('input', {name: 'reason', required: true, maxlength: 500})),
    field('Duration', h('input', {name: 'ttl', maxlength: 7, placeholder: '6h (empty: until unblocked)'})),
    h('div', {class: 'actions'}, h('button', {type: 'submit'}, 'Block')));
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const data = new FormData(form);
    try {
      await send('POST', '/api/v1/blocks', {target: data.get('target'), reason: data.get('reason'), ttl: data.get('ttl') || null});
      navigate('/blocks', {});
    } catch (e) {
      status.replaceChildren(errorBox(e));
    }
  });
  return form;
}

export async function blocksPage({navigate}) {
  const [blocks, audit] = await Promise.all([get('/api/v1/blocks'), get('/api/v1/enforcement/audit', {limit: 100})]);
  const status = h('div', {role: 'status'});
  const rows = blocks.items.map((b) => [h('code', {}, b.target), badge(b.state), why(b),
    b.incidentId ? h('code', {}, b.incidentId) : b.createdBy, time(b.createdAtMicros), expires(b.expiresAtMicros), inAws(b),
    unblockButton(b, navigate, status)]);
  const auditRows = audit.items.map((e) => [time(e.atMicros), label(e.action), e.target ? h('code', {}, e.target) : '—',
    e.operation || '—', e.outcome || '—', e.actor || '—', e.detail || '—']);
  return [
    h('h1', {}, 'Blocks'),
    h('p', {}, 'Enforcement mode: ', badge(blocks.mode), blocks.mode === 'dry-run'
      ? ' — decisions are recorded and audited; nothing is sent to AWS.' : null),
    status,
    blockForm(navigate, status),
    h('p', {class: 'result-count'}, `${number(blocks.total)} blocks`),
    table('Blocks, newest first', ['Target', 'State', 'Why', 'Incident or admin', 'Since', 'Expires', 'In AWS', ''],
      rows, 'none recorded yet.'),
    h('h2', {}, 'Audit'),
    table('Enforcement decisions and AWS calls, newest first', ['When', 'What', 'Target', 'AWS call', 'Outcome', 'By', 'Detail'],
      auditRows, 'nothing audited yet.'),
  ];
}
