// saekin's search page.  Everything a note holds reaches the page as
// text: through textContent and text nodes, never innerHTML; the
// preview's HTML (cmark-gfm's, already safe) is parsed into an inert
// document and rebuilt element by element from a short allow-list.
'use strict';

const DEBOUNCE_MS = 60;
const PAGE = 20;

const $ = (id) => document.getElementById(id);
const box = $('q');
const list = $('results');
const statusLine = $('status');
const correction = $('correction');
const preview = $('preview');
const previewBody = $('preview-body');
const previewTitle = $('preview-title');
const editorInput = $('editor');

let editorTemplate = 'vscode://file/{path}:{line}';
let hits = [];
let selected = -1;
let seq = 0;          // the number of the latest search sent
let shownSeq = 0;     // the number of the search whose answer is shown
let inflight = null;  // its AbortController
let timer = 0;
let composing = false;
let previewSeq = 0;

function el(tag, cls, text) {
  const e = document.createElement(tag);
  if (cls) e.className = cls;
  if (text !== undefined && text !== null) e.textContent = text;
  return e;
}

// Only web addresses become links; anything else (javascript:, data:)
// is shown as text.
function safeUrl(url) {
  return typeof url === 'string' && /^https?:\/\//i.test(url) ? url : null;
}

function link(url, text, cls) {
  const safe = safeUrl(url);
  const a = el(safe ? 'a' : 'span', cls, text || url);
  if (safe) {
    a.href = safe;
    a.target = '_blank';
    a.rel = 'noopener noreferrer';
  }
  return a;
}

// The editor link for FILE:LINE from the template; null when the
// template's scheme could run code in the page.
function editorUrl(file, line) {
  const t = editorTemplate || 'vscode://file/{path}:{line}';
  const scheme = (t.match(/^([a-z][a-z0-9+.-]*):/i) || [])[1];
  if (!scheme || /^(javascript|data|vbscript|blob)$/i.test(scheme)) return null;
  return t.split('{path}').join(encodeURI(file)).split('{line}').join(String(line));
}

// The snippet with its highlights as <mark> elements.  The server gives
// UTF-8 byte offsets; JavaScript strings count UTF-16 units, so the
// snippet is cut as bytes and each piece decoded.
function snippetNode(snippet, highlights) {
  const p = el('p', 'snippet');
  const bytes = new TextEncoder().encode(snippet);
  const dec = new TextDecoder();
  let at = 0;
  for (const [start, end] of highlights || []) {
    if (start < at || end < start || end > bytes.length) continue;
    if (start > at) p.appendChild(document.createTextNode(dec.decode(bytes.slice(at, start))));
    p.appendChild(el('mark', null, dec.decode(bytes.slice(start, end))));
    at = end;
  }
  if (at < bytes.length) p.appendChild(document.createTextNode(dec.decode(bytes.slice(at))));
  return p;
}

function hitNode(h, i) {
  const li = el('li');
  li.dataset.index = String(i);
  const head = el('div');
  head.appendChild(el('span', 'rank', h.rank + '.'));
  head.appendChild(el('span', 'title', h.title || '(제목 없음)'));
  if (h.heading && h.heading.length) head.appendChild(el('span', 'path', '— ' + h.heading.join(' › ')));
  li.appendChild(head);
  li.appendChild(snippetNode(h.snippet, h.highlights));
  const where = el('div', 'where');
  const url = editorUrl(h.file, h.line);
  const loc = el(url ? 'a' : 'span', 'file', h.file + ':' + h.line);
  if (url) loc.href = url;
  where.appendChild(loc);
  li.appendChild(where);
  if (h.links && h.links.length) {
    const links = el('div', 'links');
    for (const l of h.links) {
      let text = l.text || l.url;
      if (l.source === 'vocabulary' && /\/ko(_kr)?\//.test(l.url)) text += ' (한국어)';
      links.appendChild(link(l.url, text, l.official ? 'docs' : 'link'));
    }
    li.appendChild(links);
  }
  li.addEventListener('click', (ev) => {
    if (ev.target.closest('a')) return;
    select(i);
    openPreview();
  });
  return li;
}

function select(i) {
  const items = list.children;
  if (selected >= 0 && items[selected]) items[selected].classList.remove('selected');
  selected = i;
  if (i >= 0 && items[i]) {
    items[i].classList.add('selected');
    items[i].scrollIntoView({ block: 'nearest' });
  }
}

function render(answer, ms) {
  hits = answer.hits || [];
  list.replaceChildren(...hits.map(hitNode));
  selected = -1;
  if (hits.length) select(0);
  const total = answer.total || 0;
  statusLine.textContent = hits.length
    ? `약 ${total}개 중 ${hits.length}개 · ${ms} ms`
    : `"${answer.query}"에 맞는 구절이 없습니다 · ${ms} ms`;
  const fix = answer.correction || answer.suggestion;
  if (fix) {
    correction.replaceChildren(document.createTextNode('대신 찾은 말: '),
      el('b', null, typeof fix === 'string' ? fix : JSON.stringify(fix)));
    correction.hidden = false;
  } else {
    correction.hidden = true;
    correction.replaceChildren();
  }
}

function showError(message) {
  hits = [];
  list.replaceChildren();
  statusLine.textContent = message;
  correction.hidden = true;
}

// Search for the box's text now.  Each search gets a number; an answer
// that comes after a newer search was sent is dropped (and the older
// request aborted), so what is shown always matches what is typed.
async function search() {
  clearTimeout(timer);
  const q = box.value;
  const url = new URL(location.href);
  if (q.trim()) url.searchParams.set('q', q); else url.searchParams.delete('q');
  history.replaceState(null, '', url.pathname + url.search);
  if (!q.trim()) {
    if (inflight) inflight.abort();
    seq++;
    list.replaceChildren();
    statusLine.textContent = '';
    correction.hidden = true;
    return;
  }
  const mine = ++seq;
  if (inflight) inflight.abort();
  const ctl = new AbortController();
  inflight = ctl;
  // While the last word is being typed (no space after it yet), ask
  // for its completions: a half-typed Hangul syllable searches too.
  const prefix = /\S$/.test(q) ? '1' : '0';
  const params = new URLSearchParams({ q: q, n: String(PAGE), prefix: prefix });
  const t0 = performance.now();
  try {
    const r = await fetch('/api/search?' + params, { signal: ctl.signal });
    const answer = await r.json();
    if (mine !== seq) return; // stale
    shownSeq = mine;
    if (!r.ok) { showError(answer.error || ('error ' + r.status)); return; }
    render(answer, Math.round(performance.now() - t0));
    document.body.dataset.shown = String(shownSeq);
  } catch (e) {
    if (e.name !== 'AbortError' && mine === seq) showError('검색하지 못했습니다: ' + e.message);
  }
}

function schedule() {
  clearTimeout(timer);
  timer = setTimeout(search, DEBOUNCE_MS);
}

// The preview: the server renders the passage with cmark-gfm (safe
// mode); here it is parsed inert and rebuilt from allowed elements,
// text nodes and http(s) links only.
const ALLOWED = new Set(['P', 'H1', 'H2', 'H3', 'H4', 'H5', 'H6', 'UL', 'OL', 'LI', 'EM',
  'STRONG', 'DEL', 'CODE', 'PRE', 'BLOCKQUOTE', 'HR', 'BR', 'TABLE', 'THEAD', 'TBODY', 'TR',
  'TH', 'TD', 'A', 'INPUT']);

function rebuild(node, into) {
  for (const child of node.childNodes) {
    if (child.nodeType === Node.TEXT_NODE) {
      into.appendChild(document.createTextNode(child.data));
    } else if (child.nodeType === Node.ELEMENT_NODE) {
      const tag = child.tagName;
      if (!ALLOWED.has(tag)) { rebuild(child, into); continue; }
      if (tag === 'INPUT') { // a task list's box: shown, never live
        if (child.getAttribute('type') === 'checkbox') {
          const box = el('input');
          box.type = 'checkbox';
          box.disabled = true;
          box.checked = child.hasAttribute('checked');
          into.appendChild(box);
        }
        continue;
      }
      let copy;
      if (tag === 'A') {
        copy = link(child.getAttribute('href'), null, null);
        copy.textContent = '';
      } else {
        copy = document.createElement(tag);
      }
      const align = child.getAttribute('align');
      if ((tag === 'TD' || tag === 'TH') && /^(left|right|center)$/.test(align || '')) {
        copy.style.textAlign = align;
      }
      rebuild(child, copy);
      into.appendChild(copy);
    }
  }
}

async function openPreview() {
  const h = hits[selected];
  if (!h) return;
  const mine = ++previewSeq;
  const params = new URLSearchParams({ file: h.file, line: String(h.line) });
  previewTitle.textContent = h.file + ':' + h.line;
  try {
    const r = await fetch('/api/note?' + params);
    const answer = await r.json();
    if (mine !== previewSeq) return;
    if (!r.ok) {
      previewBody.replaceChildren(el('p', null, answer.error || ('error ' + r.status)));
    } else {
      const doc = new DOMParser().parseFromString(answer.html, 'text/html');
      const out = document.createDocumentFragment();
      rebuild(doc.body, out);
      previewBody.replaceChildren(out);
    }
    preview.hidden = false;
    document.querySelector('main').classList.add('previewing');
    preview.scrollTop = 0;
  } catch (e) {
    if (mine === previewSeq) previewBody.replaceChildren(el('p', null, String(e)));
  }
}

function closePreview() {
  preview.hidden = true;
  document.querySelector('main').classList.remove('previewing');
}

box.addEventListener('compositionstart', () => { composing = true; });
box.addEventListener('compositionend', () => { composing = false; schedule(); });
// Every input searches, inside an IME composition too: the syllable
// being composed (보안 그) is already in the box's value.
box.addEventListener('input', schedule);
document.getElementById('search-form').addEventListener('submit', (ev) => {
  ev.preventDefault();
  search();
});

document.addEventListener('keydown', (ev) => {
  const inBox = ev.target === box;
  if (ev.key === '/' && !inBox && !(ev.target instanceof HTMLInputElement)) {
    ev.preventDefault();
    box.focus();
    box.select();
    return;
  }
  if (ev.isComposing || composing || ev.keyCode === 229) return; // the IME's own keys
  if (ev.key === 'ArrowDown' && hits.length) {
    ev.preventDefault();
    select(Math.min(selected + 1, hits.length - 1));
  } else if (ev.key === 'ArrowUp' && hits.length) {
    ev.preventDefault();
    select(Math.max(selected - 1, 0));
  } else if (ev.key === 'Enter' && (inBox || ev.target === document.body) && hits.length) {
    ev.preventDefault();
    if (selected < 0) select(0);
    openPreview();
  } else if (ev.key === 'Escape') {
    if (!preview.hidden) closePreview(); else box.focus();
  }
});
$('preview-close').addEventListener('click', closePreview);

editorInput.addEventListener('change', () => {
  editorTemplate = editorInput.value.trim() || editorTemplate;
  try { localStorage.setItem('saekin.editor', editorTemplate); } catch (e) { /* private mode */ }
  if (hits.length) render({ hits: hits, total: hits.length, query: box.value }, 0);
});

async function start() {
  let saved = null;
  try { saved = localStorage.getItem('saekin.editor'); } catch (e) { /* private mode */ }
  try {
    const r = await fetch('/api/config');
    if (r.ok) editorTemplate = (await r.json()).editor || editorTemplate;
  } catch (e) { /* the default stands */ }
  if (saved) editorTemplate = saved;
  editorInput.value = editorTemplate;
  const q = new URLSearchParams(location.search).get('q');
  if (q) {
    box.value = q;
    search();
  }
  box.focus();
}
start();
