#!/usr/bin/env -S MALLOC_ARENA_MAX=2 node --max-old-space-size=768 --max-semi-space-size=2 --interrupt-budget=400000 --no-allocation-site-pretenuring
// Page analysis runs in worker threads (src/analysis-pool.ts) with their own heap limits; this
// thread's garbage is mostly short-lived, so a small young generation (2 MB semi-spaces) keeps its RSS
// down at little cost. --optimize-for-size is gone: it cost ~75 % more CPU per analysed page (half the
// audit's CPU went to garbage collection) for ~40 MB.
// --interrupt-budget (V8's default 67,584): a function is optimised once it has run about six times
// more bytecode than by default. A 2,000-page audit spent ~14 % of its CPU in TurboFan, optimising
// (and re-optimising) functions its two threads run a few hundred times, compromise's most of all.
// With this budget it optimises half as many (640 against 1,275); the hot loops (the HTML tokenizer,
// term matching) are still among the first.
// --no-allocation-site-pretenuring: V8 allocates straight into the old generation the objects of a
// place in the code whose objects mostly survived a young collection. A page's analysis allocates
// ~1-2 MB, so what it builds first (its DOM, its tokens) is alive at the collection that falls within
// it, those places were judged long-lived, and from then on each page's objects went to the old
// generation and held the young ones they point to past every young collection: the analysis
// thread promoted ~240 KB a page and ran a full collection every ~45 pages (~160 KB and every ~70
// without pretenuring, with analyzers/index.ts releaseDocument). 2,000-page audit, interleaved:
// 7.38 -> 7.00 ms of CPU a page, 166 -> 162 MB.
// MALLOC_ARENA_MAX=2 (glibc; other C libraries ignore it): by default each thread that mallocs (the
// analysis worker, V8's and libuv's helpers) may get an arena of its own, and freed memory scattered
// over several arenas stays resident. Two, one per busy thread, held the 2,000-page audit's peak RSS
// ~8-10 MB lower at the same CPU per page (shared machine, interleaved runs).
// Runs the compiled JavaScript in dist/ (`npm run build`, which `npm ci` runs): no TypeScript loader at
// run time (through tsx the command held ~45 MB more RSS and took ~0.8 s more CPU to start).
import { loadBuilt } from './built.js';

// A reader that goes away (`partner-presence audit --help | head -1`, `--json - | head`) is no error:
// what it did not read is simply not written, and the command ends with its own exit code.
for (const stream of [process.stdout, process.stderr]) {
  stream.on('error', (error) => {
    if (error.code !== 'EPIPE') throw error;
  });
}
const { main } = await loadBuilt('src/cli.js');
process.exitCode = await main(process.argv.slice(2));
