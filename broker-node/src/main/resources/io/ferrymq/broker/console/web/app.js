// Ferry web console: a hash-routed single page over the broker's /api/ endpoints.
// The visible page is re-read every REFRESH_MS; the message browser reads on demand.
// Alter controls (login, create/grow/delete topics, delete groups) are built only when
// /api/session says the broker offers them (security on); the broker checks every action
// against the logged-in principal's ACLs.
'use strict';

const REFRESH_MS = 2000;
let timer = null;
let topicsForBrowser = [];
let session = { alter: false };

function el(tag, attrs, ...children) {
  const node = document.createElement(tag);
  Object.entries(attrs || {}).forEach(([k, v]) => {
    if (v === null || v === undefined) return;
    if (k === 'class') node.className = v; else if (k.startsWith('data-')) node.setAttribute(k, v); else node[k] = v;
  });
  children.flat().forEach(c => node.append(c instanceof Node ? c : document.createTextNode(c === null || c === undefined ? '-' : String(c))));
  return node;
}

function td(value, cls) { return el('td', { class: cls }, value); }

function fill(tbody, rows) { tbody.replaceChildren(...rows); }

async function api(path) {
  const response = await fetch('/api/' + path, { cache: 'no-store' });
  const body = await response.json();
  if (!response.ok) throw new Error(body.error || ('HTTP ' + response.status));
  return body;
}

async function post(path, body) {
  const response = await fetch('/api/' + path, {
    method: 'POST', cache: 'no-store', credentials: 'same-origin',
    headers: { 'Content-Type': 'application/json', 'X-Ferry-Console': '1' },
    body: JSON.stringify(body || {}),
  });
  const answer = await response.json();
  if (!response.ok) throw new Error(answer.error || ('HTTP ' + response.status));
  return answer;
}

function showResult(message) {
  const box = document.getElementById('alter-result');
  box.hidden = !message;
  box.textContent = message || '';
}

function input(id, type, placeholder, value) {
  return el('input', { id: id, type: type, placeholder: placeholder, value: value === undefined ? '' : value });
}

function value(id) { return document.getElementById(id).value; }

// Runs one alter action; its outcome (or the broker's refusal, e.g. a missing ACL) is shown.
async function act(what, path, body) {
  try {
    await post(path, body);
    showError(null);
    showResult(what + ': done');
    refresh();
  } catch (e) {
    showResult(null);
    showError(what + ': ' + e.message);
  }
}

function form(id, title, fields, button, onSubmit) {
  const f = el('form', { id: id, class: 'form alter' }, el('strong', {}, title), fields, el('button', { id: id + '-submit', type: 'submit' }, button));
  f.addEventListener('submit', event => { event.preventDefault(); onSubmit(); });
  return f;
}

function renderSession() {
  const box = document.getElementById('session');
  if (!session.alter) { box.replaceChildren(); return; }
  if (session.principal) {
    const out = el('button', { id: 'logout', type: 'button' }, 'Log out');
    out.addEventListener('click', async () => { await post('logout'); await loadSession(); });
    box.replaceChildren(el('span', { id: 'principal' }, session.principal), out);
    return;
  }
  const login = el('form', { id: 'login' }, input('login-user', 'text', 'user'), input('login-password', 'password', 'password'),
    el('button', { id: 'login-submit', type: 'submit' }, 'Log in to alter'));
  login.addEventListener('submit', async event => {
    event.preventDefault();
    try {
      await post('login', { username: value('login-user'), password: value('login-password') });
      showError(null);
      await loadSession();
    } catch (e) {
      showError('Login: ' + e.message);
    }
  });
  box.replaceChildren(login);
}

function renderAlterControls() {
  const topics = document.getElementById('alter-topics');
  const groups = document.getElementById('alter-groups');
  if (!session.alter || !session.principal) { topics.replaceChildren(); groups.replaceChildren(); return; }
  topics.replaceChildren(
    form('create-topic', 'Create topic', [input('create-topic-name', 'text', 'name'),
      input('create-topic-partitions', 'number', 'partitions', 1), input('create-topic-rf', 'number', 'replicas', 1)], 'Create',
    () => act('Create topic ' + value('create-topic-name'), 'topics', { topic: value('create-topic-name'),
      partitions: Number(value('create-topic-partitions')), replicationFactor: Number(value('create-topic-rf')) })),
    form('add-partitions', 'Add partitions', [input('add-partitions-topic', 'text', 'topic'),
      input('add-partitions-total', 'number', 'new total')], 'Add',
    () => act('Add partitions to ' + value('add-partitions-topic'), 'topics/' + encodeURIComponent(value('add-partitions-topic')) + '/partitions',
      { totalPartitions: Number(value('add-partitions-total')) })),
    form('delete-topic', 'Delete topic', [input('delete-topic-name', 'text', 'topic')], 'Delete',
      () => act('Delete topic ' + value('delete-topic-name'), 'topics/' + encodeURIComponent(value('delete-topic-name')) + '/delete')));
  groups.replaceChildren(form('delete-group', 'Delete empty group', [input('delete-group-id', 'text', 'group')], 'Delete',
    () => act('Delete group ' + value('delete-group-id'), 'groups/' + encodeURIComponent(value('delete-group-id')) + '/delete')));
}

async function loadSession() {
  session = await api('session');
  renderSession();
  renderAlterControls();
}

function showError(message) {
  const box = document.getElementById('error');
  box.hidden = !message;
  box.textContent = message || '';
}

function bytes(n) {
  if (n === null || n === undefined) return '-';
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let i = 0; let v = n;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return (i === 0 ? v : v.toFixed(1)) + ' ' + units[i];
}

function rate(n) { return (n || 0).toFixed(1) + '/s'; }

function payload(p) {
  if (p === null || p === undefined) return el('span', { class: 'muted' }, 'null');
  return p.encoding === 'base64' ? el('span', { title: 'base64' }, 'base64:' + p.text) : p.text;
}

async function renderCluster() {
  const c = await api('cluster');
  document.getElementById('cluster-id').textContent = c.clusterId + ' (seen from broker ' + c.self + ')';
  document.getElementById('count-brokers-up').textContent = c.brokers.filter(b => b.status === 'up').length + ' / ' + c.brokers.length;
  document.getElementById('count-topics').textContent = c.topics;
  document.getElementById('count-partitions').textContent = c.partitions;
  document.getElementById('count-under-replicated').textContent = c.underReplicated;
  document.getElementById('count-offline').textContent = c.offline;
  fill(document.querySelector('#brokers tbody'), c.brokers.map(b => el('tr', { 'data-broker-id': b.id, class: b.status === 'up' ? '' : 'bad' },
    td(b.id), td(b.status, 'status ' + b.status), td(b.host ? b.host + ':' + b.port : null), td(b.rack),
    td(b.leaders, 'num leaders'), td(b.replicas, 'num replicas'), td(b.zooKeeperSession, 'zk'),
    td(b.adminUrl ? el('a', { href: b.adminUrl + '/console/' }, b.adminUrl) : null))));
}

function partitionRow(topic, p) {
  return el('tr', { 'data-topic': topic, 'data-partition': p.partition, class: p.offline ? 'bad' : (p.underReplicated ? 'warn' : '') },
    td(p.partition, 'num'), td(p.leader === null ? 'none' : p.leader, 'leader'), td(p.replicas, 'replicas'),
    td(p.isr, 'isr'), td(p.offlineReplicas || '', 'offline'), td(p.leaderEpoch, 'num epoch'), td(bytes(p.sizeBytes), 'num size'));
}

function topicBlock(t) {
  const summary = t.partitions.length + ' partitions · ' + bytes(t.sizeBytes) + ' · in ' + rate(t.messagesInPerSec)
    + ' msgs, ' + bytes(t.bytesInPerSec) + '/s · out ' + bytes(t.bytesOutPerSec) + '/s';
  const head = el('thead', {}, el('tr', {}, ['Partition', 'Leader', 'Replicas', 'ISR', 'Offline', 'Leader epoch', 'Size'].map(h => el('th', {}, h))));
  return el('div', { class: 'topic', 'data-topic': t.name, 'data-messages-in': t.messagesInPerSec, 'data-bytes-out': t.bytesOutPerSec },
    el('h2', {}, t.name, el('span', { class: 'rates muted' }, summary)),
    el('table', { class: 'partitions' }, head, el('tbody', {}, t.partitions.map(p => partitionRow(t.name, p)))));
}

async function renderTopics() {
  const topics = await api('topics');
  document.getElementById('topics').replaceChildren(...topics.map(topicBlock));
}

async function renderMessagesForm() {
  const topics = await api('topics');
  const select = document.getElementById('msg-topic');
  const names = topics.map(t => t.name);
  if (names.join() !== topicsForBrowser.join()) {
    const current = select.value;
    topicsForBrowser = names;
    select.replaceChildren(...names.map(n => el('option', { value: n }, n)));
    if (names.includes(current)) select.value = current;
  }
}

async function loadMessages(event) {
  if (event) event.preventDefault();
  const params = new URLSearchParams({
    topic: document.getElementById('msg-topic').value,
    partition: document.getElementById('msg-partition').value,
    limit: document.getElementById('msg-limit').value,
  });
  params.set(document.getElementById('msg-mode').value, document.getElementById('msg-from').value);
  try {
    const page = await api('messages?' + params);
    document.getElementById('msg-range').textContent = page.topic + '-' + page.partition + ': offsets '
      + page.logStartOffset + ' to ' + page.logEndOffset + ' (exclusive), ' + page.records.length + ' shown';
    fill(document.querySelector('#messages tbody'), page.records.map(r => el('tr', { 'data-offset': r.offset },
      td(r.offset, 'num offset'), td(new Date(r.timestamp).toISOString() + ' (' + r.timestampType + ')', 'timestamp'),
      td(payload(r.key), 'key'), td(payload(r.value), 'value'),
      td(r.headers.map(h => h.key + '=' + (h.value === null ? 'null' : h.value.text)).join('\n'), 'headers'),
      td(r.compression, 'compression'))));
    showError(null);
  } catch (e) {
    showError('Messages: ' + e.message);
  }
}

async function renderGroups() {
  const groups = await api('groups');
  fill(document.querySelector('#groups tbody'), groups.map(g => el('tr', { 'data-group': g.groupId },
    td(el('a', { href: '#group/' + encodeURIComponent(g.groupId) }, g.groupId)), td(g.state, 'state'),
    td(g.members, 'num members'), td(g.totalLag, 'num lag'))));
}

async function renderGroup(groupId) {
  const g = await api('groups/' + encodeURIComponent(groupId));
  document.getElementById('group-id').textContent = g.groupId;
  document.getElementById('group-state').textContent = g.state + (g.protocol ? ' · ' + g.protocol : '');
  fill(document.querySelector('#group-members tbody'), g.members.map(m => el('tr', { 'data-member': m.memberId },
    td(m.memberId, 'mono'), td(m.clientId), td(m.host), td(m.assignment, 'assignment'))));
  fill(document.querySelector('#group-partitions tbody'), g.partitions.map(p => el('tr', { 'data-topic': p.topic, 'data-partition': p.partition },
    td(p.topic), td(p.partition, 'num'), td(p.committed, 'num committed'), td(p.logEndOffset, 'num end'),
    td(p.lag, 'num lag'), td(p.owner, 'mono owner'))));
  drawLag(document.getElementById('lag-chart'), g.lagHistory);
}

function svg(tag, attrs) {
  const node = document.createElementNS('http://www.w3.org/2000/svg', tag);
  Object.entries(attrs).forEach(([k, v]) => node.setAttribute(k, v));
  return node;
}

function drawLag(chart, points) {
  const w = Number(chart.getAttribute('width')); const h = Number(chart.getAttribute('height'));
  const pad = { left: 50, right: 10, top: 10, bottom: 20 };
  chart.replaceChildren();
  chart.setAttribute('data-last-lag', points.length === 0 ? '' : points[points.length - 1].lag);
  if (points.length === 0) {
    const text = svg('text', { x: pad.left, y: h / 2 });
    text.textContent = 'no lag recorded yet (sampled every 2 s)';
    chart.append(text);
    return;
  }
  const t0 = points[0].timeMs; const t1 = Math.max(points[points.length - 1].timeMs, t0 + 1);
  const max = Math.max(1, ...points.map(p => p.lag));
  const x = t => pad.left + (t - t0) / (t1 - t0) * (w - pad.left - pad.right);
  const y = v => h - pad.bottom - v / max * (h - pad.top - pad.bottom);
  chart.append(svg('line', { x1: pad.left, y1: y(0), x2: w - pad.right, y2: y(0), stroke: '#999' }));
  chart.append(svg('line', { x1: pad.left, y1: pad.top, x2: pad.left, y2: y(0), stroke: '#999' }));
  [[max, y(max)], [0, y(0)]].forEach(([v, yy]) => {
    const label = svg('text', { x: pad.left - 6, y: yy + 4, 'text-anchor': 'end', 'font-size': 11 });
    label.textContent = v; chart.append(label);
  });
  const span = svg('text', { x: w - pad.right, y: h - 4, 'text-anchor': 'end', 'font-size': 11 });
  span.textContent = 'last ' + Math.round((t1 - t0) / 1000) + ' s'; chart.append(span);
  chart.append(svg('polyline', { points: points.map(p => x(p.timeMs) + ',' + y(p.lag)).join(' '),
    fill: 'none', stroke: '#1d3557', 'stroke-width': 2, class: 'lag-line' }));
}

function route() {
  const hash = location.hash.replace(/^#/, '') || 'cluster';
  if (hash.startsWith('group/')) return { page: 'group', render: () => renderGroup(decodeURIComponent(hash.slice(6))), nav: 'groups' };
  const pages = { cluster: renderCluster, topics: renderTopics, messages: renderMessagesForm, groups: renderGroups };
  const page = pages[hash] ? hash : 'cluster';
  return { page: page, render: pages[page], nav: page };
}

async function refresh() {
  const r = route();
  try {
    await r.render();
    showError(null);
    document.getElementById('refreshed').textContent = (session.alter ? (session.principal ? 'alter as ' + session.principal
      : 'log in to alter') : 'read-only') + ' · refreshed ' + new Date().toLocaleTimeString();
  } catch (e) {
    showError(e.message);
  }
}

function show() {
  const r = route();
  document.querySelectorAll('.page').forEach(p => { p.hidden = p.id !== 'page-' + r.page; });
  document.querySelectorAll('nav a').forEach(a => a.classList.toggle('active', a.id === 'nav-' + r.nav));
  clearInterval(timer);
  refresh();
  timer = setInterval(refresh, REFRESH_MS);
}

document.getElementById('msg-form').addEventListener('submit', loadMessages);
window.addEventListener('hashchange', show);
loadSession().catch(e => showError('Session: ' + e.message)).finally(show);
