#!/usr/bin/env -S node --max-old-space-size=768 --optimize-for-size
// An audit's live data is small (page bodies are dropped once analysed) but it allocates a lot of
// short-lived parse trees: these V8 settings collect them sooner and keep peak RSS flat (~300 MB →
// ~160 MB on the 2,000-page bench) for more CPU per page, which a polite crawl has to spare.
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
