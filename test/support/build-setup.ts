// vitest globalSetup: the tests that spawn the command (bin/partner-presence.js) run the compiled
// JavaScript in dist/, as users do. Build it first, so they test the sources as they are now and not
// whatever an earlier build left (tsc -b compiles only what changed: about a second when nothing did).
import { execFileSync } from 'node:child_process';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

export default function setup() {
  const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');
  execFileSync(process.execPath, [tsc, '-b', 'tsconfig.build.json'], { cwd: fileURLToPath(new URL('../..', import.meta.url)), stdio: 'inherit' });
}
