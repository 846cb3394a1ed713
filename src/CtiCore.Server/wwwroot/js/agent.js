import { api, el, escapeHtml, duration, hubConnection, logout } from './api.js';

const hub = hubConnection('/hubs/agent');
let lastSequence = 0;
let pop = null;
let state = null;
// Hold and answer are shown only where the PBX adapter can do them (GetCallControls).
let controls = { hold: false, answer: false };

// Sequence numbers: SignalR may drop a message; a gap means "fetch a fresh snapshot".
function accept(sequence) {
  if (sequence <= lastSequence) return false;
  const gap = lastSequence !== 0 && sequence > lastSequence + 1;
  lastSequence = sequence;
  if (gap) resync();
  return true;
}

async function resync() {
  const snapshot = await hub.invoke('GetSnapshot');
  lastSequence = snapshot.sequence;
  showState(snapshot.state);
  showPop(snapshot.pop);
}

function showState(s) {
  state = s;
  el('status').textContent = s.pauseReason ? `${s.status} · ${s.pauseReason}` : s.status;
  el('status').className = `pill ${s.status}`;
  el('me').textContent = s.displayName;
  el('fig-calls').textContent = s.callsToday;
  el('fig-talk').textContent = duration(s.talkSecondsToday);
  el('fig-missed').textContent = s.missedCallsToday;
}

function facts(target, pairs) {
  target.innerHTML = pairs.filter(([, v]) => v).map(([k, v]) => `<dt>${escapeHtml(k)}</dt><dd>${escapeHtml(v)}</dd>`).join('');
}

function localTime(client) {
  if (!client?.localTime || !client.timeZone) return null;
  const time = new Date(client.localTime).toLocaleTimeString([], { timeZone: client.timeZone, hour: '2-digit', minute: '2-digit' });
  return `${time} (${client.timeZone})`;
}

// A call this agent transferred on is over for them: it stays for their wrap-up, like an ended one.
const finished = (stage) => stage === 'ended' || stage === 'transferred';

function showPop(p) {
  pop = p && (p.stage === 'ringing' || p.stage === 'talking' || finished(p.stage)) ? p : null;
  el('no-call').classList.toggle('hidden', !!pop);
  el('call-body').classList.toggle('hidden', !pop);
  el('call').classList.toggle('ringing', pop?.stage === 'ringing');
  el('wrapup').classList.toggle('hidden', !finished(pop?.stage));
  if (!pop) return;
  el('call-stage').textContent = pop.stage;
  el('call-stage').className = `pill ${pop.stage}`;
  el('call-new').classList.toggle('hidden', !pop.isNewClient);
  el('call-who').textContent = pop.client?.name ?? 'Unknown caller';
  el('call-number').textContent = pop.callerNumber ?? 'number withheld';
  facts(el('call-facts'), [
    ['Contact', pop.contact ? `${pop.contact.name}${pop.contact.position ? ', ' + pop.contact.position : ''}` : null],
    ['Segment', pop.client?.segment],
    ['Manager', pop.client?.responsibleManagerName],
    ['Region', pop.client?.region],
    ['Client time', localTime(pop.client)],
    ['Routing', pop.routingReason],
  ]);
  el('call-history').innerHTML = pop.lastInteractions.length
    ? pop.lastInteractions.map((i) => `<li>${new Date(i.offeredAt).toLocaleString()} · ${escapeHtml(i.outcome)} · ${escapeHtml(i.agentName ?? '')} ${i.disposition ? '· ' + escapeHtml(i.disposition) : ''}<div class="muted">${escapeHtml(i.notes ?? '')}</div></li>`).join('')
    : '<li class="muted">No earlier calls</li>';
  const open = [
    ...pop.openTasks.map((t) => `<li>Task: ${escapeHtml(t.title)} <span class="muted">due ${new Date(t.dueAt).toLocaleDateString()}</span></li>`),
    ...pop.openDeals.map((d) => `<li>Deal: ${escapeHtml(d.title)} <span class="muted">${escapeHtml(d.stage)} · ${d.amount} ${escapeHtml(d.currency)}</span></li>`),
  ];
  el('call-open').innerHTML = open.length ? open.join('') : '<li class="muted">Nothing open</li>';
  showCampaign(pop.campaign);
  el('call-held').classList.toggle('hidden', !pop.onHold);
  el('answer').classList.toggle('hidden', !(controls.answer && pop.stage === 'ringing'));
  el('hold').classList.toggle('hidden', !(controls.hold && pop.stage === 'talking' && !pop.onHold));
  el('resume').classList.toggle('hidden', !(controls.hold && pop.stage === 'talking' && pop.onHold));
  el('hangup').disabled = finished(pop.stage);
  el('transfer').disabled = finished(pop.stage);
  el('recording-pause').disabled = finished(pop.stage);
  el('recording-resume').disabled = finished(pop.stage);
  if (pop.client) openClient(pop.client.id);
}

// A campaign call shows its script and offers the campaign's own dispositions at wrap-up.
const defaultDispositions = el('wrapup-disposition').innerHTML;
function showCampaign(campaign) {
  el('call-script').classList.toggle('hidden', !campaign);
  el('call-campaign').textContent = campaign?.name ?? '';
  el('call-script-text').textContent = campaign?.script ?? 'No script for this client.';
  const select = el('wrapup-disposition');
  const wanted = campaign ? campaign.dispositions.map((d) => `<option value="${escapeHtml(d.code)}" data-callback="${d.isCallback}">${escapeHtml(d.label)}</option>`).join('') : defaultDispositions;
  if (select.innerHTML !== wanted) select.innerHTML = wanted;
  showCallbackTime();
}
function showCallbackTime() {
  const option = el('wrapup-disposition').selectedOptions[0];
  el('wrapup-callback-label').classList.toggle('hidden', option?.dataset.callback !== 'true');
}
el('wrapup-disposition').addEventListener('change', showCallbackTime);

async function act(action, errorTarget = 'call-error') {
  el(errorTarget).textContent = '';
  try { await action(); } catch (e) { el(errorTarget).textContent = e.message.replace(/^.*HubException: /, ''); }
}

async function openClient(id) {
  const client = await api(`/api/clients/${id}`);
  const page = await api(`/api/interactions?clientId=${id}&pageSize=20`);
  // The list is a summary; disposition and notes come with each interaction's own record.
  const history = { items: await Promise.all(page.items.map((i) => api(`/api/interactions/${i.id}`))) };
  el('client-card').classList.remove('hidden');
  el('client-name').textContent = client.name;
  facts(el('client-facts'), [
    ['Segment', client.segment], ['Region', client.region], ['Time zone', client.timeZone],
    ['Phones', (client.phones ?? []).map((p) => p.e164 ?? p.number).join(', ')],
  ]);
  el('client-history').innerHTML = history.items.map((i) => `<tr data-interaction="${i.id}"><td>${new Date(i.offeredAt).toLocaleString()}</td><td>${escapeHtml(i.direction)}</td><td>${escapeHtml(i.outcome)}</td><td>${escapeHtml(i.agentName ?? '')}</td><td>${escapeHtml(i.disposition ?? '')}</td><td>${escapeHtml(i.notes ?? '')}</td><td>${recordingPlayer(i)}</td></tr>`).join('')
    || '<tr><td colspan="7" class="muted">No interactions yet</td></tr>';
  const phone = (client.phones ?? [])[0];
  if (phone) el('dial').value = phone.e164 ?? phone.number ?? '';
}

// Same-origin audio carries the auth cookie; the server answers Range requests, so seeking works.
function recordingPlayer(i) {
  return i.hasRecording ? `<audio controls preload="none" src="/api/recordings/${encodeURIComponent(i.id)}"></audio>` : '';
}

async function setRecordingPaused(paused) {
  const response = await fetch(`/api/calls/${encodeURIComponent(pop.callId)}/recording/${paused ? 'pause' : 'resume'}`,
    { method: 'POST', credentials: 'same-origin' });
  if (!response.ok) throw new Error(`Recording ${paused ? 'pause' : 'resume'} failed (${response.status})`);
}

el('recording-pause').onclick = () => act(() => setRecordingPaused(true));
el('recording-resume').onclick = () => act(() => setRecordingPaused(false));

hub.on('Pop', (p) => { if (accept(p.sequence)) showPop(p); });
hub.on('State', (s) => { if (accept(s.sequence)) showState(s); });
hub.onreconnecting(() => { el('conn').textContent = 'reconnecting…'; });
hub.onreconnected(async () => { el('conn').textContent = 'online'; await resync(); });
hub.onclose(() => { el('conn').textContent = 'offline'; });

el('go-available').onclick = () => act(() => hub.invoke('SetAvailable'));
el('go-pause').onclick = () => act(() => hub.invoke('Pause', el('pause-reason').value));
el('go-logout').onclick = () => act(() => hub.invoke('LogOut'));
el('sign-out').onclick = logout;
el('hangup').onclick = () => act(() => hub.invoke('HangUp', pop.callId));
el('answer').onclick = () => act(() => hub.invoke('Answer', pop.callId));
el('hold').onclick = () => act(() => hub.invoke('Hold', pop.callId));
el('resume').onclick = () => act(() => hub.invoke('Resume', pop.callId));
el('transfer').onclick = () => act(() => hub.invoke('Transfer', pop.callId, el('transfer-to').value));
el('dial-go').onclick = () => act(() => hub.invoke('ClickToCall', el('dial').value));
el('wrapup-form').addEventListener('submit', (event) => {
  event.preventDefault();
  const callId = pop.callId;
  const clientId = pop.client?.id;
  const due = el('wrapup-due').value;
  const callback = el('wrapup-callback-label').classList.contains('hidden') ? '' : el('wrapup-callback').value;
  act(async () => {
    await hub.invoke('SubmitWrapUp', {
      callId,
      disposition: el('wrapup-disposition').value,
      notes: el('wrapup-notes').value,
      followUpTitle: el('wrapup-task').value || null,
      followUpDueAt: due ? new Date(due).toISOString() : null,
      callbackAt: callback ? new Date(callback).toISOString() : null,
    });
    el('wrapup-form').reset();
    showPop(null);
    if (clientId) await openClient(clientId);
  }, 'wrapup-error');
});
el('search-form').addEventListener('submit', async (event) => {
  event.preventDefault();
  const page = await api(`/api/clients?search=${encodeURIComponent(el('search').value)}&pageSize=10`);
  el('search-results').innerHTML = page.items.map((c) => `<li><a href="#" data-client="${c.id}">${escapeHtml(c.name)}</a> <span class="muted">${escapeHtml(c.segment ?? '')} ${escapeHtml(c.region ?? '')}</span></li>`).join('') || '<li class="muted">Nothing found</li>';
});
el('search-results').addEventListener('click', (event) => {
  const id = event.target.dataset?.client;
  if (id) { event.preventDefault(); openClient(id); }
});
setInterval(() => {
  el('since').textContent = state?.since ? duration((Date.now() - new Date(state.since)) / 1000) : '';
}, 1000);

(async () => {
  await hub.start();
  el('conn').textContent = 'online';
  controls = await hub.invoke('GetCallControls');
  await resync();
})();
