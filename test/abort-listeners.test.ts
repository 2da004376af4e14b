// A crawl shares one AbortSignal across all its requests. Node's EventTarget walks the listener list on
// every add, so listeners that pile up on it (one per throttle waiter, never removed) made each request
// cost more than the last. The signal must hold one listener however many requests it has seen.
import { getEventListeners } from 'node:events';
import { describe, expect, it } from 'vitest';
import { HostThrottle } from '../crawlers/throttle.ts';
import { whenAborted } from '../crawlers/abort.ts';

describe('abort listeners on the crawl signal', () => {
  it('stay at one however many throttle slots are taken and released', async () => {
    const controller = new AbortController();
    const throttle = new HostThrottle();
    for (let i = 0; i < 500; i++) {
      const slot = await throttle.acquire('www.partner.test', 4, 0, controller.signal);
      slot.release();
    }
    expect(getEventListeners(controller.signal, 'abort').length).toBeLessThanOrEqual(1);
  });

  it('still reject the waiters, and call every pending callback once, when the signal aborts', async () => {
    const controller = new AbortController();
    const throttle = new HostThrottle();
    const held = await throttle.acquire('www.partner.test', 1, 0, controller.signal);
    const waiting = throttle.acquire('www.partner.test', 1, 0, controller.signal);
    const calls: string[] = [];
    whenAborted(controller.signal, () => calls.push('a'));
    const forgetB = whenAborted(controller.signal, () => calls.push('b'));
    forgetB();
    controller.abort(new Error('crawl stopped'));
    await expect(waiting).rejects.toThrow('crawl stopped');
    expect(calls).toEqual(['a']);
    held.release();
    let late = 0;
    whenAborted(controller.signal, () => late++);
    expect(late).toBe(1);
  });
});
