#!/usr/bin/env -S node --max-old-space-size=768 --optimize-for-size
// An audit's live data is small (page bodies are dropped once analysed) but it allocates a lot of
// short-lived parse trees: these V8 settings collect them sooner and keep peak RSS flat (~300 MB →
// ~160 MB on the 2,000-page bench) for more CPU per page, which a polite crawl has to spare.
// `npm run demo`: serves the bundled demo partner site on 127.0.0.1 and audits it.
import { register } from 'tsx/esm/api';
register();
const { runDemo } = await import('../src/demo.ts');
process.exitCode = await runDemo(process.argv.slice(2));
