// The files that ship beside the code (package.json, the demo site, the web service's static files),
// found from the package's root, so that one path works both from the TypeScript sources (tests, benches)
// and from the compiled JavaScript the command runs (dist/, one folder deeper).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The package's root folder. */
export const PACKAGE_ROOT = fileURLToPath(new URL(import.meta.url.endsWith('.ts') ? '..' : '../..', import.meta.url));

/** The version package.json gives. */
export const PACKAGE_VERSION = (JSON.parse(readFileSync(join(PACKAGE_ROOT, 'package.json'), 'utf8')) as { version: string }).version;
