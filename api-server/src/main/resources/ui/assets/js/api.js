// The REST API client of the UI. Sessions are cookies the script cannot read; changes carry the CSRF
// token the session endpoint returns.
let csrfToken = null;

export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

/** Who is signed in; remembers the CSRF token. Redirects to the sign-in page when the session is gone. */
export async function session() {
  const info = await get('/api/v1/session');
  csrfToken = info.csrfToken;
  return info;
}

/** GET a JSON resource; params with empty values are left out. */
export async function get(path, params = {}) {
  const query = new URLSearchParams();
  for (const [key, value] of Object.entries(params)) {
    if (value !== undefined && value !== null && value !== '') {
      query.set(key, value);
    }
  }
  const url = query.toString() ? `${path}?${query}` : path;
  return handle(await fetch(url, {credentials: 'same-origin', headers: {'Accept': 'application/json'}}));
}

/** A state-changing request. */
export async function send(method, path, body, contentType = 'application/json') {
  const headers = {'Accept': 'application/json', 'X-CSRF-Token': csrfToken || ''};
  if (body !== undefined) {
    headers['Content-Type'] = contentType;
  }
  const payload = body === undefined || contentType !== 'application/json' ? body : JSON.stringify(body);
  return handle(await fetch(path, {method, credentials: 'same-origin', headers, body: payload}));
}

async function handle(response) {
  if (response.status === 401) {
    window.location.assign('/login');
    throw new ApiError(401, 'Signed out');
  }
  if (response.status === 204) {
    return null;
  }
  const body = await response.json().catch(() => null);
  if (!response.ok) {
    throw new ApiError(response.status, (body && body.message) || `The server answered ${response.status}.`);
  }
  return body;
}

/** The detailed health of this process (Kafka and every role); the public /health says only UP or DOWN. */
export async function health() {
  return get('/api/v1/health');
}

/** The path of a service's resources: service keys contain '|'. */
export function servicePath(serviceKey, rest) {
  return `/api/v1/services/${encodeURIComponent(serviceKey)}/${rest}`;
}
