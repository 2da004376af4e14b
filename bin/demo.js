#!/usr/bin/env -S node --max-old-space-size=768 --max-semi-space-size=2
// Page analysis runs in worker threads (src/analysis-pool.ts) with their own heap limits; this
// thread's garbage is mostly short-lived, so a small young generation (2 MB semi-spaces) keeps its RSS
// down at little cost. --optimize-for-size is gone: it cost ~75 % more CPU per analysed page (half the
// audit's CPU went to garbage collection) for ~40 MB.
// `npm run demo`: serves the bundled demo partner site on 127.0.0.1 and audits it (compiled, in dist/).
import { loadBuilt } from './built.js';

const { runDemo } = await loadBuilt('src/demo.js');
process.exitCode = await runDemo(process.argv.slice(2));
