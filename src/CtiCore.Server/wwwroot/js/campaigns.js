// Supervisor's campaign page: controls through /api/campaigns, live figures polled every 2 s, charts in plain SVG.
import { api, el, escapeHtml, logout } from './api.js';

const svgNs = 'http://www.w3.org/2000/svg';
let current = null;
let importId = null;

const selected = () => Number(el('campaign').value);
const show = (error) => { el('error').textContent = error ? String(error.message ?? error) : ''; };

async function guard(action) {
  try { show(null); await action(); } catch (error) { show(error); }
}

async function loadCampaigns() {
  const campaigns = await api('/api/campaigns');
  el('campaign').innerHTML = campaigns.map((c) => `<option value="${c.id}">${escapeHtml(c.name)}</option>`).join('');
  if (current && campaigns.some((c) => c.id === current)) el('campaign').value = String(current);
  current = campaigns.length ? selected() : null;
}

function bar(svg, items, max, colour) {
  svg.replaceChildren();
  const width = Number(svg.getAttribute('width'));
  const height = Number(svg.getAttribute('height'));
  const slot = width / Math.max(1, items.length);
  items.forEach(([label, value], i) => {
    const h = max > 0 ? (value / max) * (height - 30) : 0;
    const rect = document.createElementNS(svgNs, 'rect');
    Object.entries({ x: i * slot + 8, y: height - 20 - h, width: slot - 16, height: h, fill: colour }).forEach(([k, v]) => rect.setAttribute(k, v));
    const text = document.createElementNS(svgNs, 'text');
    Object.entries({ x: i * slot + 8, y: height - 5, 'font-size': 11 }).forEach(([k, v]) => text.setAttribute(k, v));
    text.textContent = `${label} ${typeof value === 'number' && value < 1 && value > 0 ? (value * 100).toFixed(2) + '%' : value}`;
    svg.append(rect, text);
  });
}

function capLine(svg, cap, max) {
  const height = Number(svg.getAttribute('height'));
  const y = height - 20 - (cap / max) * (height - 30);
  const line = document.createElementNS(svgNs, 'line');
  Object.entries({ x1: 0, x2: svg.getAttribute('width'), y1: y, y2: y, stroke: 'red' }).forEach(([k, v]) => line.setAttribute(k, v));
  svg.append(line);
}

async function refresh() {
  if (!current) return;
  const { live, entriesByState } = await api(`/api/campaigns/${current}/stats`);
  el('state').textContent = `${live.state} · ${live.pacing} · ${live.lastDecision}`;
  el('pacing').value = live.pacing;
  const conversion = Object.entries(live.dispositions ?? {});
  const rows = [
    ['Attempts', live.attempts], ['Contacts', live.contacts], ['Abandoned', live.abandoned], ['Busy', live.busy],
    ['No answer', live.noAnswer], ['Failed', live.failed], ['In flight', live.inFlight],
    ['Agent occupancy', `${(live.agentOccupancy * 100).toFixed(0)} % of ${live.agentsLoggedIn}`],
    ['Answer rate (estimate)', `${(live.estimatedAnswerProbability * 100).toFixed(1)} %`],
    ...conversion.map(([code, n]) => [`Disposition ${code}`, `${n} (${live.contacts ? ((n / live.contacts) * 100).toFixed(1) : 0} %)`]),
    ...Object.entries(entriesByState).map(([state, n]) => [`Entries ${state}`, n]),
  ];
  el('stats').innerHTML = rows.map(([k, v]) => `<tr><th>${escapeHtml(k)}</th><td>${escapeHtml(v)}</td></tr>`).join('');
  const outcomes = [['Contacts', live.contacts], ['Abandoned', live.abandoned], ['Busy', live.busy], ['No answer', live.noAnswer], ['Failed', live.failed], ...conversion];
  bar(el('bars'), outcomes, Math.max(1, ...outcomes.map(([, v]) => v)), '#4a7');
  const rates = [['30 days', live.abandonRate30Days], ['24 hours', live.abandonRate24Hours], ['Control', live.abandonRateControl]];
  const max = Math.max(live.abandonCap * 1.5, ...rates.map(([, v]) => v));
  bar(el('abandon'), rates, max, '#c84');
  capLine(el('abandon'), live.abandonCap, max);
}

async function pollImport() {
  if (!importId || !current) return;
  const status = await api(`/api/campaigns/${current}/imports/${importId}`);
  el('import-status').textContent = `${status.state}: ${status.rowsRead} rows, ${status.accepted} accepted, ${status.rejected} rejected`;
  el('import-progress').value = status.state === 'running' ? 0.5 : 1;
  if (status.state !== 'running') {
    el('import-errors').href = `/api/campaigns/${current}/imports/${importId}/errors`;
    el('import-errors').hidden = status.rejected === 0;
    importId = null;
  }
}

const control = (verb) => guard(async () => { await api(`/api/campaigns/${current}/${verb}`, { method: 'POST', body: '{}' }); await refresh(); });
el('start').addEventListener('click', () => control('start'));
el('pause').addEventListener('click', () => control('pause'));
el('stop').addEventListener('click', () => control('stop'));
el('pacing').addEventListener('change', () => guard(() => api(`/api/campaigns/${current}/pacing`, { method: 'PUT', body: JSON.stringify({ pacing: el('pacing').value }) })));
// Imports are stored: after a reload (or a server restart) the page picks up the campaign's latest import.
async function latestImport() {
  const imports = current ? await api(`/api/campaigns/${current}/imports`) : [];
  importId = imports.length ? imports[0].importId : null;
  await pollImport();
}
el('campaign').addEventListener('change', () => { current = selected(); guard(async () => { await refresh(); await latestImport(); }); });
el('sign-out').addEventListener('click', logout);

el('create').addEventListener('submit', (event) => {
  event.preventDefault();
  guard(async () => {
    const days = ['Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday'];
    const created = await api('/api/campaigns', {
      method: 'POST',
      body: JSON.stringify({
        name: el('new-name').value,
        callerId: el('new-callerid').value || null,
        callingWindows: days.map((day) => ({ day, start: el('new-start').value, end: el('new-end').value })),
        maxAttempts: Number(el('new-attempts').value),
        detectAnsweringMachine: el('new-amd').checked,
        pacing: 'Progressive',
      }),
    });
    current = created.id;
    await loadCampaigns();
    await refresh();
  });
});

el('upload').addEventListener('click', () => guard(async () => {
  const file = el('csv').files[0];
  if (!file) throw new Error('Choose a CSV file first.');
  const response = await fetch(`/api/campaigns/${current}/imports`, { method: 'POST', credentials: 'same-origin', headers: { 'Content-Type': 'text/csv' }, body: file });
  if (!response.ok) throw new Error(await response.text());
  importId = (await response.json()).importId;
}));

el('from-segment').addEventListener('click', () => guard(async () => {
  const result = await api(`/api/campaigns/${current}/dial-list/from-segment`, { method: 'POST', body: JSON.stringify({ segment: el('segment').value }) });
  el('import-status').textContent = `${result.added} numbers added, ${result.skipped} already listed`;
}));

const block = (path) => guard(async () => {
  await api(path, { method: 'POST', body: JSON.stringify({ number: el('dnc-number').value }) });
  el('dnc-number').value = '';
});
el('dnc-add').addEventListener('click', () => block(`/api/campaigns/${current}/dnc`));
el('dnc-global').addEventListener('click', () => block('/api/dnc'));

await guard(loadCampaigns);
await guard(refresh);
await guard(latestImport);
setInterval(() => guard(async () => { await refresh(); await pollImport(); }), 2000);
