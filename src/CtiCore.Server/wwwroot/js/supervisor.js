import { el, escapeHtml, duration, hubConnection, logout } from './api.js';

const hub = hubConnection('/hubs/supervisor');
const agents = new Map();

function renderAgents() {
  const rows = [...agents.values()].sort((a, b) => a.displayName.localeCompare(b.displayName));
  el('agents').innerHTML = rows.map((a) => `
    <tr data-agent="${a.agentId}">
      <td>${escapeHtml(a.displayName)}</td>
      <td><span class="pill ${a.status}">${escapeHtml(a.status)}${a.pauseReason ? ' · ' + escapeHtml(a.pauseReason) : ''}</span>${coolingDown(a)}</td>
      <td class="since" data-since="${a.since ?? ''}">${a.since ? duration((Date.now() - new Date(a.since)) / 1000) : ''}</td>
      <td class="muted">${escapeHtml(a.currentCallId ?? '')}</td>
      <td>${a.callsToday}</td><td>${a.missedCallsToday}</td>
      <td class="row"><button data-pause="${a.agentId}">Force pause</button><button data-logout="${a.agentId}">Log out</button></td>
    </tr>`).join('') || '<tr><td colspan="7" class="muted">No agents in your departments</td></tr>';
}

// The phone answered busy: the agent shows available but is offered no call until then.
function coolingDown(a) {
  if (!a.ringCooldownUntil || new Date(a.ringCooldownUntil) <= Date.now()) return '';
  const until = new Date(a.ringCooldownUntil).toLocaleTimeString();
  return ` <span class="muted" data-cooldown="${a.agentId}">phone busy, no calls until ${escapeHtml(until)}</span>`;
}

function renderStats(stats) {
  el('queues').innerHTML = stats.map((d) => `
    <h3 style="margin:4px 0 8px">${escapeHtml(d.name)}</h3>
    <div class="figures">
      <div class="figure"><b>${d.waitingCalls}</b><span>waiting</span></div>
      <div class="figure"><b>${duration(d.longestWaitSeconds)}</b><span>longest wait</span></div>
      <div class="figure"><b>${d.serviceLevelPercent ?? '—'}${d.serviceLevelPercent == null ? '' : '%'}</b><span>service level (20 s)</span></div>
      <div class="figure"><b>${d.answeredToday}</b><span>answered</span></div>
      <div class="figure"><b>${d.abandonedToday}</b><span>abandoned</span></div>
    </div>`).join('') || '<p class="muted">No departments</p>';
  drawChart(stats);
}

function drawChart(stats) {
  const canvas = el('chart');
  const ctx = canvas.getContext('2d');
  const hours = Array.from({ length: 24 }, (_, h) => ({
    answered: stats.reduce((s, d) => s + d.perHour[h].answered, 0),
    abandoned: stats.reduce((s, d) => s + d.perHour[h].abandoned, 0),
  }));
  const css = getComputedStyle(document.documentElement);
  const max = Math.max(1, ...hours.map((h) => h.answered + h.abandoned));
  const { width, height } = canvas;
  const bottom = height - 22;
  const slot = width / 24;
  ctx.clearRect(0, 0, width, height);
  ctx.font = '11px system-ui';
  ctx.fillStyle = css.getPropertyValue('--muted');
  hours.forEach((h, i) => {
    const x = i * slot + slot * 0.15;
    const w = slot * 0.7;
    const a = (h.answered / max) * (bottom - 10);
    const b = (h.abandoned / max) * (bottom - 10);
    ctx.fillStyle = css.getPropertyValue('--accent');
    ctx.fillRect(x, bottom - a, w, a);
    ctx.fillStyle = css.getPropertyValue('--bad');
    ctx.fillRect(x, bottom - a - b, w, b);
    if (i % 3 === 0) {
      ctx.fillStyle = css.getPropertyValue('--muted');
      ctx.fillText(String(i).padStart(2, '0'), x, height - 6);
    }
  });
}

async function refresh() {
  const rows = await hub.invoke('GetAgents');
  agents.clear();
  rows.forEach((r) => agents.set(r.agentId, r));
  renderAgents();
  renderStats(await hub.invoke('GetStats'));
}

hub.on('AgentChanged', (row) => { agents.set(row.agentId, row); renderAgents(); });
hub.on('CallChanged', async () => renderStats(await hub.invoke('GetStats')));
hub.onreconnecting(() => { el('conn').textContent = 'reconnecting…'; });
hub.onreconnected(async () => { el('conn').textContent = 'online'; await refresh(); });
hub.onclose(() => { el('conn').textContent = 'offline'; });

el('agents').addEventListener('click', async (event) => {
  const { pause, logout: out } = event.target.dataset ?? {};
  el('agents-error').textContent = '';
  try {
    if (pause) await hub.invoke('ForcePause', Number(pause), 'supervisor');
    if (out) await hub.invoke('ForceLogOut', Number(out));
  } catch (e) {
    el('agents-error').textContent = e.message.replace(/^.*HubException: /, '');
  }
});
el('sign-out').onclick = logout;
setInterval(() => {
  document.querySelectorAll('td.since').forEach((td) => {
    if (td.dataset.since) td.textContent = duration((Date.now() - new Date(td.dataset.since)) / 1000);
  });
}, 1000);

(async () => {
  await hub.start();
  el('conn').textContent = 'online';
  await refresh();
})();
