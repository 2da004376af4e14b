// One 'abort' listener per signal, shared by everything waiting on it. Node's EventTarget walks its
// listener list on every add (to refuse duplicates), so a listener added and removed per request, or
// one never removed (a throttle waiter), made each request cost more than the last: 5 % of a 2,000-page
// crawl's CPU went to addEventListener/removeEventListener.

const callbacks = new WeakMap<AbortSignal, Set<() => void>>();

/**
 * Runs `callback` once when `signal` aborts (at once when it already has). Returns the function that
 * forgets it: call it when the work is done.
 */
export function whenAborted(signal: AbortSignal, callback: () => void): () => void {
  if (signal.aborted) {
    callback();
    return () => undefined;
  }
  let waiting = callbacks.get(signal);
  if (!waiting) {
    const set = new Set<() => void>();
    waiting = set;
    callbacks.set(signal, set);
    signal.addEventListener('abort', () => {
      for (const fn of set) fn();
      set.clear();
    }, { once: true });
  }
  waiting.add(callback);
  const set = waiting;
  return () => {
    set.delete(callback);
  };
}
