// The application shell: navigation, hash routes, sign-out.
import {session, send} from './api.js';
import {h, errorBox} from './dom.js';
import {overviewPage} from './pages/overview.js';
import {catalogPage} from './pages/catalog.js';
import {endpointPage} from './pages/endpoint.js';
import {changesPage} from './pages/changes.js';
import {specsPage} from './pages/specs.js';
import {probedPage} from './pages/probed.js';
import {alertsPage, alertDeliveriesPage} from './pages/alerts.js';
import {blocksPage} from './pages/blocks.js';
import {incidentsPage} from './pages/incidents.js';
import {incidentPage} from './pages/incident.js';
import {actorPage} from './pages/actor.js';

// Pages in the navigation.
const NAV = [
  {path: '/', title: 'Overview', page: overviewPage},
  {path: '/incidents', title: 'Incidents', page: incidentsPage},
  {path: '/catalog', title: 'Catalog', page: catalogPage},
  {path: '/probed', title: 'Probed paths', page: probedPage},
  {path: '/changes', title: 'Changes', page: changesPage},
  {path: '/specs', title: 'API documents', page: specsPage},
  {path: '/alerts', title: 'Alerts', page: alertsPage},
  {path: '/blocks', title: 'Blocks', page: blocksPage},
];
const DETAIL = [
  {prefix: '/endpoints/', section: '/catalog', page: endpointPage},
  {prefix: '/alerts/', section: '/alerts', page: alertDeliveriesPage},
  {prefix: '/incidents/', section: '/incidents', page: incidentPage},
  {prefix: '/actors/', section: '/incidents', page: actorPage},
];

const main = document.getElementById('main');
let generation = 0;
let firstRender = true;
// Aborted when the app leaves a page, so a live page stops polling.
let leaving = new AbortController();

function currentRoute() {
  const hash = window.location.hash;
  const route = hash.startsWith('#/') ? hash.slice(1) : '/';
  const [path, query = ''] = route.split('?');
  return {path, params: new URLSearchParams(query)};
}

function renderNav(activeSection) {
  const nav = document.getElementById('nav');
  nav.replaceChildren(...NAV.map((item) => h('li', {},
    h('a', {href: `#${item.path}`, 'aria-current': item.path === activeSection ? 'page' : null}, item.title))));
}

async function route() {
  const {path, params} = currentRoute();
  const mine = ++generation;
  leaving.abort();
  leaving = new AbortController();
  const signal = leaving.signal;
  let page = NAV.find((item) => item.path === path);
  let section = page ? page.path : null;
  let arg = null;
  if (!page) {
    const detail = DETAIL.find((d) => path.startsWith(d.prefix));
    if (detail) {
      page = detail;
      section = detail.section;
      arg = decodeURIComponent(path.slice(detail.prefix.length));
    }
  }
  renderNav(section);
  if (!page) {
    show([h('h1', {}, 'Not found'), h('p', {}, 'There is no such page. '), h('p', {}, h('a', {href: '#/'}, 'Go to the overview'))]);
    return;
  }
  main.setAttribute('aria-busy', 'true');
  try {
    const nodes = await page.page({params, arg, navigate, signal});
    if (mine === generation) {
      show(nodes);
    }
  } catch (e) {
    if (mine === generation) {
      show([h('h1', {}, 'Something went wrong'), errorBox(e)]);
    }
  } finally {
    main.removeAttribute('aria-busy');
  }
}

function show(nodes) {
  // pages leave out optional parts as null; replaceChildren would print them as the text "null"
  main.replaceChildren(...nodes.filter((node) => node !== null && node !== undefined && node !== false));
  const heading = main.querySelector('h1');
  const title = heading ? heading.textContent : 'Periscope';
  document.title = `${title} · Periscope`;
  // After a navigation inside the app, move focus to the new page's heading so keyboard and screen reader
  // users start there; the first page load leaves focus alone so the skip link comes first.
  if (!firstRender && heading && !main.contains(document.activeElement)) {
    heading.setAttribute('tabindex', '-1');
    heading.focus({preventScroll: true});
  }
  firstRender = false;
}

/** Changes the route to path with the given query parameters (empty ones dropped). */
function navigate(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, value);
    }
  }
  const next = `#${path}${query.toString() ? `?${query}` : ''}`;
  if (window.location.hash === next) {
    route();
  } else {
    window.location.hash = next;
  }
}

document.getElementById('skip-link').addEventListener('click', (event) => {
  event.preventDefault();
  main.focus();
});

document.getElementById('sign-out').addEventListener('click', async () => {
  try {
    await send('DELETE', '/api/v1/session');
  } finally {
    window.location.assign('/login');
  }
});

window.addEventListener('hashchange', () => {
  if (window.location.hash === '' || window.location.hash.startsWith('#/')) {
    route();
  }
});

session().then((info) => {
  document.getElementById('who').textContent = `${info.name} (${info.role})`;
  route();
}).catch((e) => {
  if (e.status !== 401) {
    show([h('h1', {}, 'Periscope'), errorBox(e)]);
  }
});
