// Node flags for the API process, as deployed (the Dockerfile sets the same limit through
// NODE_OPTIONS). Without a heap limit V8 sizes the heap from the machine's memory and lets garbage
// pile up to hundreds of MB between collections (the API peaked at ~360 MB RSS under search load with
// ~60 MB live); with a limit of 512 MB (or 256 or 384: the same) it collects sooner and stays near
// 200 MB, for 5–15% more CPU per request. API_HEAP_MB overrides it; a
// --max-old-space-size already in NODE_OPTIONS wins.
export function apiNodeFlags(env = process.env) {
  if (/--max-old-space-size/.test(env.NODE_OPTIONS ?? '')) return [];
  const raw = env.API_HEAP_MB ?? '512';
  if (!/^\d+$/.test(raw) || Number(raw) < 128) throw new Error(`API_HEAP_MB must be a whole number of megabytes, at least 128; got "${raw}"`);
  return [`--max-old-space-size=${raw}`];
}
