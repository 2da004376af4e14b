// vitest globalSetup: the tests that spawn the command (bin/partner-presence.js) run the compiled
// JavaScript in dist/, as users do. Build it first, so they test the sources as they are now and not
// whatever an earlier build left (tsc -b compiles only what changed: about a second when nothing did).
// A type error is `npm run typecheck`'s to report: tsc still writes the JavaScript, and the tests run.
import { spawnSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  const build = spawnSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
  if (build.error) throw build.error;
  if (build.status !== 0) console.warn(`tsc -b exited with ${build.status} (type errors above); dist/ was still written`);
}
