// Preloaded into a measured Node process (NODE_OPTIONS=--import=…/bench/usage.mjs): at exit, writes its
// getrusage figures (peak RSS, CPU of all its threads) as JSON to $BENCH_USAGE_FILE.
import { writeFileSync } from 'node:fs';
import { isMainThread } from 'node:worker_threads';

const file = process.env.BENCH_USAGE_FILE;
if (file && isMainThread) {
  process.on('exit', () => {
    const u = process.resourceUsage();
    writeFileSync(file, JSON.stringify({ maxRssKb: u.maxRSS, cpuUs: u.userCPUTime + u.systemCPUTime }));
  });
}
