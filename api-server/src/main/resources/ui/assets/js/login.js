// The sign-in page: exchanges a token for an HttpOnly session cookie, then opens the application.
const form = document.getElementById('sign-in');
const error = document.getElementById('sign-in-error');
const input = document.getElementById('token');

input.focus();
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  error.hidden = true;
  const token = input.value.trim();
  if (!token) {
    showError('Enter a token.');
    return;
  }
  let response;
  try {
    response = await fetch('/api/v1/session', {
      method: 'POST',
      headers: {'Content-Type': 'application/json'},
      body: JSON.stringify({token}),
      credentials: 'same-origin',
    });
  } catch (e) {
    showError('The server cannot be reached.');
    return;
  }
  if (response.ok) {
    input.value = '';
    window.location.assign('/');
    return;
  }
  const body = await response.json().catch(() => ({}));
  showError(response.status === 429 ? 'Too many failed attempts. Wait a few minutes.' : (body.message || 'Sign-in failed.'));
});

function showError(message) {
  error.textContent = message;
  error.hidden = false;
  input.setAttribute('aria-invalid', 'true');
  input.focus();
}
