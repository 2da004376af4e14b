// Memory of a process tree, read from /proc (Linux).
import { readdirSync, readFileSync } from 'node:fs';

/** Resident set size of one process in bytes (0 once it has ended). */
export function processRss(pid: number): number {
  try {
    return Number(/VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1] ?? 0) * 1024;
  } catch {
    return 0;
  }
}

/**
 * Memory (bytes) of `root` and every process below it (Chromium's), except the subtree of `exclude`
 * (a site server). Proportional set size where the kernel gives it: Chromium's processes share most of
 * their pages, and summing their RSS would count those pages once per process.
 */
export function treeMemory(root: number, opts: { exclude?: number; includeRoot?: boolean } = {}): number {
  const parentOf = new Map<number, number>();
  for (const name of readdirSync('/proc')) {
    if (!/^\d+$/.test(name)) continue;
    try {
      const stat = readFileSync(`/proc/${name}/stat`, 'utf8');
      parentOf.set(Number(name), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended while we looked.
    }
  }
  let total = 0;
  for (const pid of parentOf.keys()) {
    let under = opts.includeRoot === true && pid === root;
    for (let at = parentOf.get(pid), hops = 0; !under && at && hops < 20; hops++, at = parentOf.get(at)) {
      if (at === opts.exclude || pid === opts.exclude) break;
      if (at === root) under = true;
    }
    if (!under) continue;
    try {
      const pss = /^Pss:\s+(\d+) kB/m.exec(readFileSync(`/proc/${pid}/smaps_rollup`, 'utf8'));
      const rss = pss ? null : /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
      total += Number((pss ?? rss)?.[1] ?? 0) * 1024;
    } catch {
      // Gone.
    }
  }
  return total;
}
