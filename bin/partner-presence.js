#!/usr/bin/env -S node --max-old-space-size=768 --max-semi-space-size=2
// Page analysis runs in worker threads (src/analysis-pool.ts) with their own heap limits; this
// thread's garbage is mostly short-lived, so a small young generation (2 MB semi-spaces) keeps its RSS
// down at little cost. --optimize-for-size is gone: it cost ~75 % more CPU per analysed page (half the
// audit's CPU went to garbage collection) for ~40 MB.
// Runs the TypeScript sources directly (tsx), so `npm ci` alone gives a working command.
import { register } from 'tsx/esm/api';
// A reader that goes away (`partner-presence audit --help | head -1`, `--json - | head`) is no error:
// what it did not read is simply not written, and the command ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
