// `npm run schema`: writes the check registry's ids (src/checks/index.ts) into report.schema.json, so
// the schema lists exactly the checks the tool runs, in report order. test/schema.test.ts fails when
// the two differ.

import { readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { CHECK_IDS } from '../src/checks/index.ts';

const file = fileURLToPath(new URL('report.schema.json', import.meta.url));

/** The schema with the checks array and the check id enum made from the registry's ids. */
export function withCheckIds(schema: Record<string, any>, ids: readonly string[]): Record<string, any> {
  const copy = structuredClone(schema);
  copy.properties.checks = {
    ...copy.properties.checks,
    minItems: ids.length,
    maxItems: ids.length,
    prefixItems: ids.map((id) => ({ $ref: '#/$defs/check', properties: { id: { const: id } } })),
  };
  copy.$defs.check.properties.id = { enum: [...ids] };
  return copy;
}

export function readSchema(): Record<string, any> {
  return JSON.parse(readFileSync(file, 'utf8'));
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  writeFileSync(file, `${JSON.stringify(withCheckIds(readSchema(), CHECK_IDS), null, 2)}\n`);
  process.stdout.write(`wrote ${CHECK_IDS.length} check ids (${CHECK_IDS.join(', ')}) into ${file}\n`);
}
