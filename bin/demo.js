#!/usr/bin/env node
// `npm run demo`: serves the bundled demo partner site on 127.0.0.1 and audits it.
import { register } from 'tsx/esm/api';
register();
const { runDemo } = await import('../src/demo.ts');
process.exitCode = await runDemo(process.argv.slice(2));
