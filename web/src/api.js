// The one place that knows the JSON API's field names (docs/api.md).
// Requests go to the same origin only; every response is normalized into
// the shapes the rest of the UI reads, so an API change is a change here.

export class ApiError extends Error {
  constructor(message, status, code) {
    super(message);
    this.status = status;
    this.code = code;
  }
}

const STATUS_TEXT = {
  400: 'the server rejected the request',
  404: 'not found',
  413: 'the program is too large',
  429: 'too many requests: the server is rate limiting this address, try again in a moment',
  503: 'the server is busy (all workers are taken), try again in a moment',
};

// A readable message for a failed response: the server's
// {"error": {"code", "message"}} when it sent one, else the status.
export function errorFromResponse(status, body) {
  let msg = null, code = null;
  if (body && typeof body === 'object' && body.error) {
    if (typeof body.error === 'string') msg = body.error;
    else { msg = body.error.message || null; code = body.error.code || null; }
  }
  const base = STATUS_TEXT[status] || `the server answered ${status}`;
  const text = msg && status !== 429 && status !== 503 ? `${msg} (HTTP ${status})`
             : msg ? `${base} — ${msg}` : `${base} (HTTP ${status})`;
  return new ApiError(text, status, code);
}

async function request(method, path, body) {
  let res;
  try {
    res = await fetch(path, {
      method,
      headers: body ? { 'Content-Type': 'application/json' } : {},
      body: body ? JSON.stringify(body) : undefined,
    });
  } catch (e) {
    throw new ApiError('cannot reach the dynbox server (network down or server stopped)', 0, 'network');
  }
  let data = null;
  const text = await res.text();
  try { data = text ? JSON.parse(text) : null; } catch { data = null; }
  if (!res.ok) throw errorFromResponse(res.status, data);
  if (data === null) throw new ApiError('the server sent a response that is not JSON', res.status, 'bad_response');
  return data;
}

function num(v) {
  return typeof v === 'number' && isFinite(v) ? v : null;
}

// Timings in milliseconds by stage, from `timings_us` (µs), `timings` or
// `timings_ms` (ms), `stages_us`, whichever the response has.
export function normalizeTimings(...objs) {
  const out = {};
  for (const o of objs) {
    if (!o || typeof o !== 'object') continue;
    for (const [srcKey, scale] of [['timings_us', 1e-3], ['stages_us', 1e-3], ['timings_ms', 1], ['timings', 1]]) {
      const t = o[srcKey];
      if (!t || typeof t !== 'object') continue;
      for (const [k, v] of Object.entries(t)) if (num(v) !== null && !(k in out)) out[k] = v * scale;
    }
  }
  return out;
}

export function normalizeCompile(data) {
  const c = data.compile && typeof data.compile === 'object' ? data.compile : data;
  const diagnostics = Array.isArray(c.diagnostics) ? c.diagnostics : [];
  const hasError = diagnostics.some((d) => d && /error/.test(d.level || 'error'));
  return {
    success: typeof c.success === 'boolean' ? c.success : !hasError,
    diagnostics,
    c: c.c ?? c.c_code ?? c.generated_c ?? null,
    explain: c.explain ?? data.explain ?? null,
    timings: normalizeTimings(c, data),
    cached: !!data.cached,
    note: typeof data.note === 'string' ? data.note : null,
  };
}

// Ledger: totals by kind [{kind, allocs, bytes, live_count, live_bytes}],
// sites [{line, col, count, bytes, text}], live bytes.
export function normalizeLedger(l) {
  if (!l || typeof l !== 'object') return null;
  let kinds = [];
  const src = l.kinds ?? l.totals ?? [];
  if (Array.isArray(src)) kinds = src.map((k) => ({ ...k, allocs: num(k.allocs) ?? num(k.count) ?? 0 }));
  else if (typeof src === 'object') {
    kinds = Object.entries(src).map(([kind, v]) =>
      typeof v === 'number' ? { kind, allocs: v } : { kind, ...v, allocs: num(v.allocs) ?? num(v.count) ?? 0 });
  }
  const sites = (Array.isArray(l.sites) ? l.sites : []).map((s) => ({
    line: s.line, col: s.col ?? s.column ?? 1, count: num(s.count) ?? num(s.allocs) ?? 0,
    bytes: num(s.bytes) ?? 0, text: s.text ?? '',
  }));
  return { kinds, sites, live_bytes: num(l.live_bytes) ?? 0, live_count: num(l.live_count),
           peak_bytes: num(l.peak_bytes) };
}

export function normalizeRun(data) {
  const compile = normalizeCompile(data);
  const r = data.run && typeof data.run === 'object' ? data.run : data;
  const ran = !!(data.run && typeof data.run === 'object') || 'verdict' in data || 'stdout' in data;
  const events = (Array.isArray(r.events) ? r.events : []).map((e) => ({
    t_ms: num(e.t_ms) ?? num(e.time_ms) ?? 0, stream: e.stream === 'stderr' ? 'stderr' : 'stdout', text: e.text ?? '',
  }));
  let verdict = r.verdict ?? null;
  if (!verdict && !ran) verdict = compile.success ? 'not_run' : 'compile_error';
  if (!verdict && data.status) verdict = data.status === 'panicked' ? 'panic' : data.status;
  return {
    ...compile,
    ran,
    verdict,
    message: r.message ?? (typeof data.error === 'string' ? data.error : null),
    exit_code: r.exit_code ?? null,
    stdout: r.stdout ?? '',
    stderr: r.stderr ?? '',
    truncated: !!(r.stdout_truncated || r.stderr_truncated || r.output_truncated),
    events,
    virtual_ms: num(r.virtual_ms),
    cpu_ms: num(r.cpu_ms),
    wall_ms: num(r.wall_ms),
    ledger: normalizeLedger(r.ledger),
    timings: normalizeTimings(data.compile, r, data),
  };
}

function body(code, opts) {
  return { code, options: { rules: opts.rules, abi: opts.abi } };
}

export async function compile(code, opts) {
  return normalizeCompile(await request('POST', '/api/v1/compile', body(code, opts)));
}

export async function run(code, opts) {
  return normalizeRun(await request('POST', '/api/v1/run', body(code, opts)));
}

// Stores a snippet; returns {id, url} with url the page's own /s/{id}.
export async function share(code, opts) {
  const data = await request('POST', '/api/v1/snippets', body(code, opts));
  const id = data.id ?? (data.snippet && data.snippet.id);
  if (!id) throw new ApiError('the server did not return a snippet id', 200, 'bad_response');
  return { id, url: `/s/${id}` };
}

export function normalizeSnippet(data) {
  const s = data.snippet && typeof data.snippet === 'object' ? data.snippet : data;
  const o = s.options && typeof s.options === 'object' ? s.options : s;
  const opts = {};
  if (o.rules) opts.rules = o.rules;
  if (o.abi) opts.abi = o.abi;
  return { id: s.id ?? null, code: s.code ?? '', options: opts };
}

export async function loadSnippet(id) {
  return normalizeSnippet(await request('GET', `/api/v1/snippets/${encodeURIComponent(id)}`));
}

// Examples: [{name, description, code}]; a list that carries no code is
// completed from each entry's `url`/`path` when given.
export function normalizeExamples(data) {
  const list = Array.isArray(data) ? data : Array.isArray(data.examples) ? data.examples : [];
  return list.filter((e) => e && (e.name || e.id)).map((e) => ({
    name: e.name ?? e.id, description: e.description ?? '', code: e.code ?? null,
    url: e.url ?? e.path ?? null, options: e.options && typeof e.options === 'object' ? e.options : {},
    error: !!(e.expect_error ?? e.error) || /^error:/.test(e.description ?? ''),
  }));
}

export async function examples() {
  return normalizeExamples(await request('GET', '/api/v1/examples'));
}

export async function exampleCode(ex) {
  if (ex.code != null) return ex.code;
  if (!ex.url) throw new ApiError(`example \`${ex.name}\` has no code`, 0, 'bad_response');
  let res;
  try { res = await fetch(ex.url); } catch { throw new ApiError('cannot reach the dynbox server', 0, 'network'); }
  if (!res.ok) throw errorFromResponse(res.status, null);
  return res.text();
}

export async function version() {
  return request('GET', '/api/v1/version');
}
