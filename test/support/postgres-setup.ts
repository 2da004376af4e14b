// Once per vitest run: a folder where the first test file that needs PostgreSQL records the server it
// started for every file (support/postgres.ts), and the server's stop when the run ends.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { TestProject } from 'vitest/node';
import { SHARED_SERVER_FILE, stopServer } from './postgres.ts';

export default function setup(project: TestProject): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'pp-pg-shared-'));
  project.provide('sharedPostgresDir', dir);
  return () => {
    try {
      const record = join(dir, SHARED_SERVER_FILE);
      const server = existsSync(record) ? (JSON.parse(readFileSync(record, 'utf8')) as { dir?: string }) : {};
      if (server.dir) stopServer(server.dir);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  };
}
