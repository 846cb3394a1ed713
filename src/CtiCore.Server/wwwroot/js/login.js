import { el, roleName } from './api.js';

async function landing() {
  const me = await fetch('/api/auth/me', { credentials: 'same-origin' });
  if (me.ok) {
    const user = await me.json();
    location.href = roleName(user.role) === 'Agent' ? '/agent.html' : '/supervisor.html';
  }
}

el('login').addEventListener('submit', async (event) => {
  event.preventDefault();
  el('login-error').textContent = '';
  const response = await fetch('/api/auth/login', {
    method: 'POST',
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ login: el('login-name').value, password: el('login-password').value }),
  });
  if (!response.ok) {
    el('login-error').textContent = response.status === 429 ? 'Too many attempts; wait a minute.' : 'Wrong login or password.';
    return;
  }
  await landing();
});

landing();
