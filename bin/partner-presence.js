#!/usr/bin/env -S node --max-old-space-size=768 --optimize-for-size
// An audit's live data is small (page bodies are dropped once analysed) but it allocates a lot of
// short-lived parse trees: these V8 settings collect them sooner and keep peak RSS flat (~300 MB →
// ~160 MB on the 2,000-page bench) for more CPU per page, which a polite crawl has to spare.
// Runs the TypeScript sources directly (tsx), so `npm ci` alone gives a working command.
import { register } from 'tsx/esm/api';
register();
const { main } = await import('../src/cli.ts');
process.exitCode = await main(process.argv.slice(2));
