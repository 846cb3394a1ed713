// Small fetch helpers: the browser carries the HttpOnly auth cookie; every call is same-origin.
export async function api(path, options = {}) {
  const response = await fetch(path, {
    credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', ...(options.headers ?? {}) },
    ...options,
  });
  if (response.status === 401) {
    location.href = '/';
    throw new Error('Not signed in');
  }
  if (!response.ok) {
    const text = await response.text();
    throw new Error(text || `${response.status}`);
  }
  return response.status === 204 ? null : response.json();
}

export const el = (id) => document.getElementById(id);

export function escapeHtml(value) {
  return String(value ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' }[c]));
}

export const roleName = (role) => (typeof role === 'number' ? ['Agent', 'Supervisor', 'Admin'][role] : role);

export function duration(seconds) {
  const s = Math.max(0, Math.floor(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const pad = (n) => String(n).padStart(2, '0');
  return h > 0 ? `${h}:${pad(m)}:${pad(s % 60)}` : `${m}:${pad(s % 60)}`;
}

export function hubConnection(path) {
  // The cookie authenticates the WebSocket too (same origin); automatic reconnect, then a snapshot.
  return new signalR.HubConnectionBuilder()
    .withUrl(path)
    .withAutomaticReconnect([0, 1000, 2000, 5000, 10000, 10000])
    .build();
}

export async function logout() {
  await fetch('/api/auth/logout', { method: 'POST', credentials: 'same-origin' });
  location.href = '/';
}
