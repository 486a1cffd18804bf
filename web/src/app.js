// The dynbox playground page: a CodeMirror 6 editor, Check/Run/Share, the
// output pane and its tabs. State lives in the editor, the two option
// selects and the URL; the server is reached only through api.js.

import { EditorState, StateEffect, StateField, RangeSet, Compartment, Transaction, ChangeSet } from '@codemirror/state';
import { EditorView, keymap, gutter, GutterMarker, lineNumbers, highlightActiveLine,
         highlightActiveLineGutter, drawSelection, highlightSpecialChars } from '@codemirror/view';
import { defaultKeymap, history, historyKeymap } from '@codemirror/commands';
import { bracketMatching, indentOnInput, syntaxHighlighting, HighlightStyle, foldGutter, foldEffect } from '@codemirror/language';
import { setDiagnostics, lintGutter, lintKeymap } from '@codemirror/lint';
import { rust } from '@codemirror/lang-rust';
import { cpp } from '@codemirror/lang-cpp';
import { tags } from '@lezer/highlight';
import * as api from './api.js';
import { DEFAULTS, OPTION_VALUES, resolveOptions, parseOptionLine, writeOptionLine,
         searchWithOptions, snippetIdFromPath, optionsFromSearch } from './options.js';
import { toEntries, toLint } from './diagnostics.js';
import { explainHtml, compareHtml, ledgerHtml, siteMarkers, timelineHtml, formatMs, esc, VERDICT_TEXT } from './views.js';

const $ = (id) => document.getElementById(id);

const STARTER = `//! Write a program; Check (Ctrl-Shift-Enter) or Run (Ctrl-Enter)
trait Greeter {
    async fn greet(&self, name: &str) -> String;
}

struct English;

impl Greeter for English {
    async fn greet(&self, name: &str) -> String {
        format!("hello, {}", name)
    }
}

async fn main() {
    let g: Box<dyn Greeter> = Box::new(English);
    println!("{}", g.greet("world").box.await);
}
`;

// Colours come from CSS variables so one style serves both themes.
const highlight = HighlightStyle.define([
  { tag: [tags.keyword, tags.controlKeyword, tags.modifier, tags.operatorKeyword], color: 'var(--tok-keyword)' },
  { tag: [tags.string, tags.special(tags.string), tags.character], color: 'var(--tok-string)' },
  { tag: [tags.number, tags.bool, tags.null, tags.atom], color: 'var(--tok-number)' },
  { tag: [tags.comment, tags.lineComment, tags.blockComment, tags.docComment], color: 'var(--tok-comment)', fontStyle: 'italic' },
  { tag: [tags.typeName, tags.className, tags.namespace, tags.standard(tags.typeName)], color: 'var(--tok-type)' },
  { tag: [tags.function(tags.variableName), tags.function(tags.propertyName), tags.macroName], color: 'var(--tok-function)' },
  { tag: [tags.definition(tags.variableName), tags.definition(tags.propertyName)], color: 'var(--tok-def)' },
  { tag: [tags.processingInstruction, tags.meta, tags.attributeName], color: 'var(--tok-meta)' },
  { tag: tags.invalid, color: 'var(--tok-invalid)' },
]);

const baseTheme = EditorView.theme({
  '&': { height: '100%', backgroundColor: 'var(--bg-editor)', color: 'var(--fg)' },
  '.cm-content': { caretColor: 'var(--fg)', fontFamily: 'var(--mono)' },
  '.cm-gutters': { backgroundColor: 'var(--bg-gutter)', color: 'var(--fg-muted)', borderRight: '1px solid var(--border)' },
  '.cm-activeLine': { backgroundColor: 'var(--bg-active)' },
  '.cm-activeLineGutter': { backgroundColor: 'var(--bg-active)' },
  '&.cm-focused .cm-cursor': { borderLeftColor: 'var(--fg)' },
  '&.cm-focused .cm-selectionBackground, .cm-selectionBackground, ::selection': { backgroundColor: 'var(--bg-selection) !important' },
  '.cm-matchingBracket': { backgroundColor: 'var(--bg-bracket)', outline: '1px solid var(--accent)' },
  '.cm-tooltip': { backgroundColor: 'var(--bg-panel)', color: 'var(--fg)', border: '1px solid var(--border)' },
  '.cm-alloc-gutter': { minWidth: '0' },
});

// ---- allocation gutter: "×N allocs" at each `.box` site after a run ----
class AllocMarker extends GutterMarker {
  constructor(label) { super(); this.label = label; }
  eq(other) { return other.label === this.label; }
  toDOM() {
    const el = document.createElement('span');
    el.className = 'alloc-marker';
    el.textContent = this.label;
    el.title = `${this.label} at this .box site in the last run`;
    return el;
  }
}
const setAllocs = StateEffect.define();
const allocField = StateField.define({
  create: () => RangeSet.empty,
  update(set, tr) {
    for (const e of tr.effects) if (e.is(setAllocs)) return e.value;
    return tr.docChanged ? RangeSet.empty : set; // counts belong to the code that ran
  },
});
const allocGutter = gutter({
  class: 'cm-alloc-gutter',
  markers: (v) => v.state.field(allocField),
  initialSpacer: () => new AllocMarker(''),
});

function showAllocs(view, ledger) {
  const doc = view.state.doc;
  const marks = siteMarkers(ledger).filter((m) => m.line <= doc.lines)
    .map((m) => new AllocMarker(m.label).range(doc.line(m.line).from));
  view.dispatch({ effects: setAllocs.of(RangeSet.of(marks, true)) });
}

// ---- state ----
let options = { ...DEFAULTS };
let editor, cView, cViewAbi, lastEntries = [], busy = false, examplesList = [];
const themeComp = new Compartment();

// A fix from the list or a squiggle: its positions were current when the
// diagnostics were shown, so later edits are mapped over.
function applyFix(view, changes) {
  changes = changes.map((c) => ({ ...c, from: shownPos(c.from, 1), to: Math.max(shownPos(c.from, 1), shownPos(c.to, -1)) }));
  view.dispatch({ changes, userEvent: 'input.quickfix' });
  view.focus();
}

function makeEditor(doc) {
  return new EditorView({
    parent: $('editor'),
    state: EditorState.create({
      doc,
      extensions: [
        lineNumbers(), highlightActiveLineGutter(), highlightSpecialChars(), history(), foldGutter(),
        drawSelection(), indentOnInput(), bracketMatching(), highlightActiveLine(),
        syntaxHighlighting(highlight), rust(), lintGutter(), allocField, allocGutter,
        keymap.of([
          { key: 'Mod-Enter', run: () => { doRun(); return true; }, preventDefault: true },
          { key: 'Shift-Mod-Enter', run: () => { doCheck(); return true; }, preventDefault: true },
          ...defaultKeymap, ...historyKeymap, ...lintKeymap,
        ]),
        baseTheme, themeComp.of([]),
        EditorView.contentAttributes.of({ 'aria-label': 'Rust source code' }),
        EditorView.updateListener.of((u) => {
          if (!u.docChanged) return;
          if (editsSince) editsSince = editsSince.compose(u.changes);
          if (editsShown) editsShown = editsShown.compose(u.changes);
          markStale();
          // an edited snippet is no longer the one at /s/{id}
          if (u.transactions.some((t) => t.annotation(Transaction.userEvent)) && snippetIdFromPath(location.pathname))
            window.history.replaceState(null, '', '/' + searchWithOptions(location.search, options));
        }),
      ],
    }),
  });
}

function readOnlyC(parent, label) {
  return new EditorView({
    parent,
    state: EditorState.create({
      doc: '',
      extensions: [lineNumbers(), foldGutter(), syntaxHighlighting(highlight), cpp(), baseTheme,
        EditorState.readOnly.of(true), EditorView.editable.of(false),
        EditorView.contentAttributes.of({ 'aria-label': label, tabindex: '0' })],
    }),
  });
}

function setDoc(view, text) {
  view.dispatch({ changes: { from: 0, to: view.state.doc.length, insert: text } });
}

function code() { return editor.state.doc.toString(); }

// Generated C starts with the runtime's header (rt.h, hundreds of lines);
// fold it so the program's own C is what the tab shows first.
const GENERATED_MARK = '/* ---- generated by dynboxc ---- */';
function showC(view, text) {
  setDoc(view, text);
  const at = text.indexOf(GENERATED_MARK);
  if (at <= 0) return;
  const doc = view.state.doc;
  const first = doc.line(1), before = doc.lineAt(at - 1);
  if (before.number > 1) view.dispatch({ effects: foldEffect.of({ from: first.to, to: before.to }) });
}

// ---- options ----
function setOptions(opts, { updateUrl = true } = {}) {
  options = { ...DEFAULTS, ...opts };
  $('opt-rules').value = options.rules;
  $('opt-abi').value = options.abi;
  if (updateUrl) {
    const url = location.pathname + searchWithOptions(location.search, options) + location.hash;
    window.history.replaceState(null, '', url);
  }
}

function onOptionChange() {
  setOptions({ rules: $('opt-rules').value, abi: $('opt-abi').value });
  markStale();
  doCheck();
}

// ---- status, spinner, errors ----
let timer = null;
function startBusy(what) {
  busy = true;
  const t0 = performance.now();
  const st = $('status');
  st.className = 'status busy';
  const tick = () => { st.innerHTML = `<span class="spinner" aria-hidden="true"></span>${esc(what)}… ${((performance.now() - t0) / 1000).toFixed(1)} s`; };
  tick();
  timer = setInterval(tick, 100);
  for (const b of ['btn-run', 'btn-check', 'btn-share']) $(b).disabled = true;
  return t0;
}
function endBusy(t0, text, cls = '') {
  clearInterval(timer);
  busy = false;
  for (const b of ['btn-run', 'btn-check', 'btn-share']) $(b).disabled = false;
  const st = $('status');
  st.className = `status ${cls}`;
  st.textContent = `${text} · ${formatMs(performance.now() - t0)}`;
  document.body.dataset.seq = String(+(document.body.dataset.seq || 0) + 1); // finished requests, for tests
}
function showError(err) {
  const msg = err && err.message ? err.message : String(err);
  $('out-summary').innerHTML = `<div class="error-box" role="alert"><strong>Error:</strong> ${esc(msg)}</div>`;
  selectTab('output');
}
function markStale() {
  $('out-summary').classList.add('stale');
}

// ---- diagnostics ----
// Edits made while a request is out: its diagnostics' spans are mapped
// through them, so they still point at the right code.
let editsSince = null, editsShown = null, sentText = '';
const shownPos = (p, assoc) => (editsShown ? editsShown.mapPos(p, assoc) : p);
function beginRequest() {
  sentText = code();
  editsSince = ChangeSet.empty(sentText.length);
}

function showDiagnostics(diags) {
  const map = (p, assoc) => (editsSince ? editsSince.mapPos(p, assoc) : p);
  lastEntries = toEntries(diags, sentText).map((e) => ({
    ...e, from: map(e.from, 1), to: Math.max(map(e.from, 1), map(e.to, -1)),
    fixes: e.fixes.map((f) => ({ ...f, changes: f.changes.map((c) => ({ ...c, from: map(c.from, 1), to: Math.max(map(c.from, 1), map(c.to, -1)) })) })),
  }));
  editor.dispatch(setDiagnostics(editor.state, toLint(lastEntries, editor.state.doc.length, applyFix)));
  editsShown = ChangeSet.empty(editor.state.doc.length); // list positions are now current
  const list = $('diag-list');
  const nErr = lastEntries.filter((e) => e.severity === 'error').length;
  const nWarn = lastEntries.filter((e) => e.severity === 'warning').length;
  $('diag-count').textContent = lastEntries.length ? `${nErr} error${nErr === 1 ? '' : 's'}${nWarn ? `, ${nWarn} warning${nWarn === 1 ? '' : 's'}` : ''}` : 'no problems';
  list.innerHTML = lastEntries.map((e, i) => `<li class="diag ${esc(e.severity)}">` +
    `<button type="button" class="diag-jump" data-i="${i}">${e.line != null ? `<span class="pos">${esc(e.line)}:${esc(e.column)}</span>` : ''}` +
    `<span class="lvl">${esc(e.level)}${e.code ? `[${esc(e.code)}]` : ''}</span> ${esc(e.message)}</button>` +
    (e.notes.length ? `<ul class="notes">${e.notes.map((n) => `<li>${esc(n)}</li>`).join('')}</ul>` : '') +
    e.fixes.map((f, j) => `<button type="button" class="fix" data-i="${i}" data-j="${j}" title="${esc(f.message)}">Fix: ${esc(f.label)}</button>`).join('') +
    '</li>').join('');
}

function jumpTo(from, to) {
  editor.dispatch({ selection: { anchor: from, head: to }, scrollIntoView: true });
  editor.focus();
}
function jumpToLine(line, col) {
  const doc = editor.state.doc;
  if (!(line >= 1 && line <= doc.lines)) return;
  const l = doc.line(line);
  jumpTo(Math.min(l.from + Math.max(0, col - 1), l.to), Math.min(l.from + Math.max(0, col - 1), l.to));
}

// ---- results ----
// The C and explain tabs show the lowering of `detailsFor` (code and
// options). A run's response may leave them out; then they are fetched
// with a compile request when one of those tabs is opened.
let detailsFor = null;
const detailsKey = () => JSON.stringify([code(), options.rules, options.abi]);

function showDetails(r, key) {
  detailsFor = key;
  $('c-this-label').textContent = `abi=${options.abi}`;
  cView && showC(cView, r.c || (r.success ? '// no C text in this response' : '// the program did not compile: see the diagnostics'));
  $('tab-explain-body').innerHTML = explainHtml(r.explain);
  $('tab-compare-body').innerHTML = compareHtml(r.explain);
  if (!$('c-other').hidden) showAbiCompare(); // keep the other ABI's column in step
}

function showCompile(r, key) {
  showDiagnostics(r.diagnostics);
  if (r.c != null || r.explain != null) showDetails(r, key);
  else if (detailsFor !== key) {
    detailsFor = null;
    if (['c', 'explain', 'compare'].includes(currentTab)) needDetails();
  }
}

async function needDetails() {
  const key = detailsKey();
  if (detailsFor === key) return;
  detailsFor = key;
  setDoc(cView, '// compiling…');
  for (const id of ['tab-explain-body', 'tab-compare-body']) $(id).innerHTML = '<p class="empty"><span class="spinner"></span>compiling…</p>';
  try {
    const r = await api.compile(code(), options);
    if (detailsKey() === key) showDetails(r, key);
  } catch (e) {
    if (detailsKey() !== key) return;
    detailsFor = null;
    setDoc(cView, `// ${e.message}`);
    for (const id of ['tab-explain-body', 'tab-compare-body']) $(id).innerHTML = `<div class="error-box" role="alert">${esc(e.message)}</div>`;
  }
}

function timingText(t) {
  const parts = Object.entries(t).map(([k, v]) => `${esc(k)} ${formatMs(v)}`);
  return parts.length ? parts.join(' · ') : '';
}

function showRun(r, key) {
  showCompile(r, key);
  const s = $('out-summary');
  s.classList.remove('stale');
  const v = r.verdict || 'unknown';
  const vt = VERDICT_TEXT[v] || v;
  const meta = [];
  if (r.exit_code != null) meta.push(`exit code ${esc(r.exit_code)}`);
  if (r.virtual_ms != null) meta.push(`virtual time ${esc(r.virtual_ms)} ms`);
  if (r.cpu_ms != null) meta.push(`cpu ${esc(r.cpu_ms)} ms`);
  if (r.cached) meta.push('cached');
  s.innerHTML = `<span class="verdict v-${esc(v)}" data-verdict="${esc(v)}">${esc(vt)}</span> ` +
    `<span class="meta">${meta.join(' · ')}</span>` +
    (r.message ? `<div class="msg">${esc(r.message)}</div>` : '') +
    (r.note ? `<div class="msg note">${esc(r.note)}</div>` : '') +
    `<div class="timings">${timingText(r.timings)}</div>`;
  const out = $('out-streams');
  if (!r.ran) {
    out.innerHTML = r.success ? '' : '<p class="empty">The program did not compile; the diagnostics are under the editor.</p>';
  } else {
    // stdout and stderr interleaved as printed, each in its own style
    const evs = r.events.length ? r.events
      : [{ stream: 'stdout', text: r.stdout }, { stream: 'stderr', text: r.stderr }].filter((e) => e.text);
    out.innerHTML = evs.length ? evs.map((e) => `<span class="${e.stream}">${esc(e.text)}</span>`).join('')
                               : '<span class="empty">(no output)</span>';
    if (r.truncated) out.innerHTML += '<span class="stderr">\n[output truncated at the limit]</span>';
  }
  $('stdout-raw').textContent = r.stdout;
  $('stderr-raw').textContent = r.stderr;
  $('tab-timeline-body').innerHTML = timelineHtml(r.events, r.virtual_ms);
  $('tab-ledger-body').innerHTML = ledgerHtml(r.ledger);
  showAllocs(editor, r.ledger);
}

// ---- actions ----
async function doCheck() {
  if (busy) return;
  const t0 = startBusy('Checking');
  try {
    const key = detailsKey();
    beginRequest();
    const r = await api.compile(sentText, options);
    showCompile(r, key);
    endBusy(t0, r.success ? 'Check: no errors' : `Check: ${$('diag-count').textContent}`, r.success ? 'ok' : 'bad');
  } catch (e) {
    endBusy(t0, 'Check failed', 'bad');
    showError(e);
  }
}

async function doRun() {
  if (busy) return;
  const t0 = startBusy('Running');
  try {
    const key = detailsKey();
    beginRequest();
    const r = await api.run(sentText, options);
    showRun(r, key);
    selectTab('output');
    endBusy(t0, `Run: ${VERDICT_TEXT[r.verdict] || r.verdict}`, r.verdict === 'ok' ? 'ok' : 'bad');
  } catch (e) {
    endBusy(t0, 'Run failed', 'bad');
    showError(e);
  }
}

async function doShare() {
  if (busy) return;
  const t0 = startBusy('Sharing');
  try {
    // the snippet describes itself: its first line carries the options
    const text = writeOptionLine(code(), options);
    if (text !== code()) setDoc(editor, text);
    const { url } = await api.share(text, options);
    const full = new URL(url, location.origin).href;
    window.history.replaceState(null, '', url);
    $('share-link').value = full;
    $('share-box').hidden = false;
    endBusy(t0, 'Shared', 'ok');
    $('share-link').select();
  } catch (e) {
    endBusy(t0, 'Share failed', 'bad');
    showError(e);
  }
}

async function copyLink() {
  const input = $('share-link');
  try {
    await navigator.clipboard.writeText(input.value);
  } catch {
    input.select();
    document.execCommand('copy');
  }
  $('btn-copy').textContent = 'Copied';
  setTimeout(() => { $('btn-copy').textContent = 'Copy'; }, 1500);
}

async function loadExample(name) {
  const ex = examplesList.find((e) => e.name === name);
  if (!ex) return;
  try {
    const text = await api.exampleCode(ex);
    setDoc(editor, text);
    setOptions({ ...DEFAULTS, ...ex.options, ...parseOptionLine(text) });
    window.history.replaceState(null, '', '/' + searchWithOptions('', options));
    doCheck();
  } catch (e) {
    showError(e);
  }
}

async function loadExamples() {
  const sel = $('examples');
  try {
    examplesList = await api.examples();
    sel.innerHTML = '<option value="">Examples…</option>' + examplesList.map((e) =>
      `<option value="${esc(e.name)}" title="${esc(e.description)}">${esc(e.name)}${e.description ? ` — ${esc(e.description.replace(/^error:\s*/, '⚠ '))}` : ''}</option>`).join('');
  } catch (e) {
    sel.innerHTML = '<option value="">examples unavailable</option>';
    sel.title = e.message;
  }
}

// ---- tabs (WAI-ARIA tabs: arrow keys move between them) ----
let currentTab = 'output';
function selectTab(name) {
  currentTab = name;
  if (['c', 'explain', 'compare'].includes(name)) needDetails();
  for (const t of document.querySelectorAll('[role=tab]')) {
    const on = t.dataset.tab === name;
    t.setAttribute('aria-selected', on);
    t.tabIndex = on ? 0 : -1;
    $(`tab-${t.dataset.tab}`).hidden = !on;
  }
  if (name === 'c') { cView.requestMeasure(); }
}

async function showAbiCompare() {
  const other = options.abi === 'callee' ? 'vtable-size' : 'callee';
  $('c-other-label').textContent = `abi=${other}`;
  $('c-this-label').textContent = `abi=${options.abi}`;
  const wrap = $('c-split');
  wrap.classList.add('split');
  $('c-other').hidden = false;
  if (!cViewAbi) cViewAbi = readOnlyC($('c-other-view'), 'generated C under the other ABI');
  setDoc(cViewAbi, '// compiling…');
  try {
    const r = await api.compile(code(), { ...options, abi: other });
    showC(cViewAbi, r.c || '// the program did not compile');
  } catch (e) {
    setDoc(cViewAbi, `// ${e.message}`);
  }
}

function initTheme() {
  const saved = localStorage.getItem('dynbox-theme') || 'auto';
  const sel = $('opt-theme');
  sel.value = saved;
  const apply = (v) => {
    if (v === 'auto') document.documentElement.removeAttribute('data-theme');
    else document.documentElement.setAttribute('data-theme', v);
  };
  apply(saved);
  sel.addEventListener('change', () => { localStorage.setItem('dynbox-theme', sel.value); apply(sel.value); });
}

async function init() {
  initTheme();
  for (const [key, values] of Object.entries(OPTION_VALUES)) {
    $(`opt-${key}`).innerHTML = values.map((v) => `<option value="${v}">${v}</option>`).join('');
  }
  const id = snippetIdFromPath(location.pathname);
  let text = STARTER;
  editor = makeEditor('');
  cView = readOnlyC($('c-view'), 'generated C');
  if (id) {
    try {
      // the server inlines the snippet into /s/{id} (docs/api.md); fetch it otherwise
      const inline = window.DYNBOX_SNIPPET;
      const s = inline && inline.id === id ? api.normalizeSnippet(inline) : await api.loadSnippet(id);
      text = s.code;
      setDoc(editor, text);
      // the snippet's own line and stored options, unless the URL overrides them
      setOptions({ ...resolveOptions(text, ''), ...s.options, ...optionsFromSearch(location.search) }, { updateUrl: false });
    } catch (e) {
      setDoc(editor, STARTER);
      setOptions(resolveOptions(STARTER, location.search), { updateUrl: false });
      showError(new Error(`could not load snippet ${id}: ${e.message}`));
    }
  } else {
    setDoc(editor, text);
    setOptions(resolveOptions(text, location.search), { updateUrl: false });
  }

  $('btn-run').addEventListener('click', doRun);
  $('btn-check').addEventListener('click', doCheck);
  $('btn-share').addEventListener('click', doShare);
  $('btn-copy').addEventListener('click', copyLink);
  $('opt-rules').addEventListener('change', onOptionChange);
  $('opt-abi').addEventListener('change', onOptionChange);
  $('examples').addEventListener('change', (e) => { if (e.target.value) loadExample(e.target.value); e.target.value = ''; });
  $('btn-abi-compare').addEventListener('click', showAbiCompare);
  $('diag-list').addEventListener('click', (ev) => {
    const fix = ev.target.closest('.fix');
    if (fix) {
      const f = lastEntries[+fix.dataset.i].fixes[+fix.dataset.j];
      applyFix(editor, f.changes);
      doCheck();
      return;
    }
    const j = ev.target.closest('.diag-jump');
    if (j) { const e = lastEntries[+j.dataset.i]; jumpTo(shownPos(e.from, 1), shownPos(e.to, -1)); }
  });
  document.body.addEventListener('click', (ev) => {
    const j = ev.target.closest('.jump');
    if (j) jumpToLine(+j.dataset.line, +j.dataset.col);
  });
  const tabs = [...document.querySelectorAll('[role=tab]')];
  for (const t of tabs) {
    t.addEventListener('click', () => selectTab(t.dataset.tab));
    t.addEventListener('keydown', (ev) => {
      const i = tabs.indexOf(t);
      let n = null;
      if (ev.key === 'ArrowRight') n = tabs[(i + 1) % tabs.length];
      if (ev.key === 'ArrowLeft') n = tabs[(i - 1 + tabs.length) % tabs.length];
      if (ev.key === 'Home') n = tabs[0];
      if (ev.key === 'End') n = tabs[tabs.length - 1];
      if (n) { ev.preventDefault(); selectTab(n.dataset.tab); n.focus(); }
    });
  }
  document.addEventListener('keydown', (ev) => {
    if ((ev.ctrlKey || ev.metaKey) && ev.key === 'Enter' && !editor.hasFocus) {
      ev.preventDefault();
      if (ev.shiftKey) doCheck(); else doRun();
    }
  });
  selectTab('output');
  loadExamples();
  api.version().then((v) => { $('version').textContent = v.version ? `dynbox ${v.version}` : ''; }).catch(() => {});
  // a read-only handle for the console and the browser test
  window.dynbox = { get code() { return code(); }, get options() { return { ...options }; },
                    get c() { return cView.state.doc.toString(); },
                    get cOther() { return cViewAbi ? cViewAbi.state.doc.toString() : null; } };
  document.body.dataset.ready = '1';
  doCheck();
}

init();
