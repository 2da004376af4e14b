// The commands run the JavaScript `npm run build` compiles into dist/ (`npm ci` builds it through the
// `prepare` script). Without it, one plain line says what to do instead of a module-resolution trace.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

/** The compiled module at `path` (relative to dist/). */
export async function loadBuilt(path) {
  const file = new URL(`../dist/${path}`, import.meta.url);
  if (!existsSync(fileURLToPath(file))) {
    process.stderr.write('partner-presence is not built: run `npm run build` (npm ci does it).\n');
    process.exit(1);
  }
  return import(file.href);
}
