// One actor: its principals, whether it is trusted, its incidents; admins mark it trusted.
import {get, send} from '../api.js';
import {h, table, number, label, errorBox} from '../dom.js';
import {incidentRows, INCIDENT_HEADERS} from './incidents.js';

export async function actorPage({arg, navigate}) {
  const a = await get(`/api/v1/actors/${encodeURIComponent(arg)}`);
  const message = h('p', {role: 'status', class: 'result-count'});
  const trust = h('button', {type: 'button', id: 'trust'}, a.trusted ? 'Withdraw trust' : 'Mark trusted');
  trust.addEventListener('click', async () => {
    try {
      await send('POST', `/api/v1/actors/${encodeURIComponent(a.id)}/${a.trusted ? 'untrust' : 'trust'}`, {});
      navigate(`/actors/${encodeURIComponent(a.id)}`);
    } catch (e) {
      message.replaceChildren(errorBox(e));
    }
  });
  const incidents = a.incidents.length === 0 ? h('p', {class: 'empty'}, 'No incident.') : h('div', {class: 'table-wrap'},
    h('table', {id: 'actor-incidents'},
      h('caption', {class: 'visually-hidden'}, 'Incidents of this actor'),
      h('thead', {}, h('tr', {}, INCIDENT_HEADERS.map((n) => h('th', {scope: 'col'}, n)))),
      h('tbody', {}, incidentRows(a.incidents))));
  return [
    h('h1', {}, `Actor ${a.id}`),
    h('p', {id: 'actor-trust'}, a.trusted ? `Trusted by ${a.trustedBy}${a.trustReason ? `: ${a.trustReason}` : ''}.`
      : 'Not trusted: its traffic is judged like any other.'),
    h('div', {class: 'actions'}, trust), message,
    h('h2', {}, 'Incidents'), incidents,
    h('h2', {}, 'Principals'),
    table('Addresses', ['Address', 'Resolved from', 'Requests'],
      a.addresses.map((x) => [x.ip, x.source ? label(x.source) : '—', number(x.requests)])),
    table('Users', ['User'], a.users.map((u) => [u])),
    table('Credentials (fingerprints)', ['Fingerprint'], a.credentials.map((c) => [h('code', {}, c)])),
  ];
}
