// Node flags for the API and portal processes, as deployed (the Dockerfiles set the same limits
// through NODE_OPTIONS). Without a heap limit V8 sizes the heap from the machine's memory and lets
// garbage pile up to hundreds of MB between collections: the API peaked at ~360 MB RSS under search
// load with ~60 MB live, and the portal's RSS grew 34% over a 10-minute soak (149 → 199 MB; max
// 215). With a limit of 512 MB they collect sooner: the API stays near 200 MB (for 5–15% more CPU
// per request), the portal grew 4% in the same soak (max 142 MB) with no measurable CPU cost on the
// solution-page benchmark. API_HEAP_MB and PORTAL_HEAP_MB override them; a --max-old-space-size
// already in NODE_OPTIONS wins.
function heapFlags(name, env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) return [];
  const raw = env[name] ?? '512';
  if (!/^\d+$/.test(raw) || Number(raw) < 128) throw new Error(`${name} must be a whole number of megabytes, at least 128; got "${raw}"`);
  return [`--max-old-space-size=${raw}`];
}

export function apiNodeFlags(env = process.env) {
  return heapFlags('API_HEAP_MB', env);
}

export function portalNodeFlags(env = process.env) {
  return heapFlags('PORTAL_HEAP_MB', env);
}
