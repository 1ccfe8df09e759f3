/**
 * Gives back the memory the server's start-up left committed, once, when it is listening and before the first
 * planner arrives: V8's young generation grows to 16 MB semi-spaces while the modules load and the store opens,
 * and stays that size until V8's own memory reducer runs, if it does (20–40 s later in some starts, not within
 * 45 s in others). The inspector's `HeapProfiler.collectGarbage` is V8's low-memory notification: every available
 * garbage collected with the memory-reducing flags, which also shrinks the young generation to its initial size
 * (a plain `gc()` does not). Under load the young generation grows back within a few scavenges. In-process, no
 * port is opened and no debugger attached. Resolves to the milliseconds it took, or null where node was built
 * without the inspector or the collection could not run (it never rejects).
 */
export async function releaseStartupMemory(): Promise<number | null> {
  const t0 = performance.now();
  let inspector: typeof import('node:inspector');
  try {
    inspector = await import('node:inspector');
  } catch {
    return null;
  }
  // Only a saving: whatever goes wrong here (an inspector already in use, say) must not stop the server starting.
  try {
    const session = new inspector.Session();
    session.connect();
    try {
      await new Promise<void>((resolve, reject) => session.post('HeapProfiler.collectGarbage', (err) => (err ? reject(err) : resolve())));
    } finally {
      session.disconnect();
    }
  } catch {
    return null;
  }
  return performance.now() - t0;
}
