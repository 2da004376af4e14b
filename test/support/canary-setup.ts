// vitest globalSetup: one canary (test/support/canary.ts) for the whole suite. Test files learn its
// ports with inject('canaryPort') / inject('canaryControlPort'); at the end, anything that reached
// it fails the run, whichever test caused it.
import type { TestProject } from 'vitest/node';
import { CANARY_ADDRESS, startCanary } from './canary.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    canaryPort: number;
    canaryControlPort: number;
  }
}

export default async function setup(project: TestProject) {
  const canary = await startCanary();
  project.provide('canaryPort', canary.port);
  project.provide('canaryControlPort', canary.controlPort);
  return async () => {
    const hits = [...canary.hits];
    await canary.close();
    if (hits.length) {
      const listed = hits.map((h) => `${h.protocol} from ${h.from}: ${JSON.stringify(h.firstLine)}`).join('\n  ');
      throw new Error(`the canary on ${CANARY_ADDRESS}:${canary.port} (a forbidden address) was reached ${hits.length} time(s):\n  ${listed}`);
    }
  };
}
