// The results schema, one definition for SQLite and PostgreSQL: runs, the partners of each run, each
// partner's pages (metadata and analysis facts; bodies only when asked), its check results and the
// rest of its SiteEvidence. JSON is stored as text in both, so the same SQL reads it back and analysts
// can cast it (::jsonb in PostgreSQL, json_extract in SQLite).
//
// Migrations are versioned: entry i takes a database from version i to i + 1 (SQLite keeps the version
// in PRAGMA user_version, PostgreSQL in the table partner_presence_schema). A database written by a
// newer version is refused, not misread.

export type Dialect = 'sqlite' | 'postgres';

/** The few words the two dialects spell differently. */
const WORDS: Record<Dialect, { id: string; blob: string }> = {
  sqlite: { id: 'INTEGER PRIMARY KEY AUTOINCREMENT', blob: 'BLOB' },
  postgres: { id: 'SERIAL PRIMARY KEY', blob: 'BYTEA' },
};

const V1 = `
CREATE TABLE IF NOT EXISTS runs (
  id {{ID}},
  started_at TEXT NOT NULL,
  finished_at TEXT,
  state TEXT NOT NULL CHECK (state IN ('running', 'finished', 'interrupted')),
  pid INTEGER NOT NULL,
  input_path TEXT NOT NULL,
  input_sha256 TEXT NOT NULL,
  as_of TEXT NOT NULL,
  options_json TEXT NOT NULL,
  extra_columns_json TEXT NOT NULL
);
CREATE TABLE IF NOT EXISTS partners (
  run_id INTEGER NOT NULL REFERENCES runs(id),
  partner_id TEXT NOT NULL,
  position INTEGER NOT NULL,
  line INTEGER NOT NULL,
  name TEXT NOT NULL,
  homepage TEXT NOT NULL,
  notes TEXT NOT NULL,
  extra_json TEXT NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('pending', 'running', 'done', 'failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  error TEXT,
  audited_at TEXT,
  duration_ms INTEGER,
  summary_json TEXT,
  PRIMARY KEY (run_id, partner_id)
);
CREATE TABLE IF NOT EXISTS evidence (
  run_id INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  -- SiteEvidence without its pages (those are rows of the pages table).
  evidence_json TEXT NOT NULL,
  PRIMARY KEY (run_id, partner_id),
  FOREIGN KEY (run_id, partner_id) REFERENCES partners(run_id, partner_id)
);
CREATE TABLE IF NOT EXISTS pages (
  run_id INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  seq INTEGER NOT NULL,
  url TEXT NOT NULL,
  final_url TEXT NOT NULL,
  http_status INTEGER,
  content_type TEXT,
  depth INTEGER,
  page_type TEXT,
  published TEXT,
  error TEXT,
  -- The AnalyzedPage without facts, and the facts, as JSON: enough to re-run every check.
  page_json TEXT NOT NULL,
  facts_json TEXT,
  body_gzip {{BLOB}},
  PRIMARY KEY (run_id, partner_id, seq),
  FOREIGN KEY (run_id, partner_id) REFERENCES partners(run_id, partner_id)
);
CREATE TABLE IF NOT EXISTS checks (
  run_id INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  -- The run's own audit date, or a later re-evaluation by \`report --as-of\`.
  as_of TEXT NOT NULL,
  check_id TEXT NOT NULL,
  status TEXT NOT NULL CHECK (status IN ('pass', 'fail', 'review')),
  summary TEXT NOT NULL,
  result_json TEXT NOT NULL,
  PRIMARY KEY (run_id, partner_id, as_of, check_id),
  FOREIGN KEY (run_id, partner_id) REFERENCES partners(run_id, partner_id)
);
CREATE TABLE IF NOT EXISTS evaluations (
  -- Summaries of re-evaluations (\`report --as-of\`); a run's own summary is partners.summary_json.
  run_id INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  as_of TEXT NOT NULL,
  evaluated_at TEXT NOT NULL,
  summary_json TEXT NOT NULL,
  PRIMARY KEY (run_id, partner_id, as_of),
  FOREIGN KEY (run_id, partner_id) REFERENCES partners(run_id, partner_id)
);
CREATE INDEX IF NOT EXISTS partners_by_id ON partners(partner_id, run_id);
`;

/**
 * The web service's own tables (`partner-presence serve`). Every audit the service runs is a partner
 * of a run like a batch's, so its state, evidence and checks live in the tables above; these add the
 * unguessable id it is shared by, its place in the service's queue, and the uploaded lists' metadata.
 */
const SERVICE_TABLES = `
CREATE TABLE IF NOT EXISTS service_audits (
  id TEXT PRIMARY KEY,
  -- Queue order: first in, first out.
  seq INTEGER NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('visitor', 'batch')),
  -- What "the same site" means for joining a running audit and for "changed since the previous audit".
  site TEXT NOT NULL,
  run_id INTEGER NOT NULL,
  partner_id TEXT NOT NULL,
  queued_at TEXT NOT NULL,
  started_at TEXT,
  finished_at TEXT,
  FOREIGN KEY (run_id, partner_id) REFERENCES partners(run_id, partner_id)
);
CREATE INDEX IF NOT EXISTS service_audits_by_site ON service_audits(kind, site, seq);
CREATE INDEX IF NOT EXISTS service_audits_by_run ON service_audits(run_id, partner_id);
CREATE TABLE IF NOT EXISTS service_batches (
  run_id INTEGER PRIMARY KEY REFERENCES runs(id),
  -- As uploaded; shown (escaped), never used as a path.
  file_name TEXT NOT NULL,
  -- Rows skipped by the applicant-list parser: [{ line, kind, values, message }] ([{ line, message }] before kinds).
  problems_json TEXT NOT NULL
);
`;

const MIGRATIONS: string[] = [
  V1,
  // 2: crash counting (MAX_CRASHES) and whether a partner's report files are current.
  `ALTER TABLE partners ADD COLUMN crashes INTEGER NOT NULL DEFAULT 0;
   ALTER TABLE partners ADD COLUMN outputs_current INTEGER NOT NULL DEFAULT 0;`,
  // 3: the web service's audits and uploaded lists (src/service/).
  SERVICE_TABLES,
  // 4: which worker (host:pid) audits a running partner, and since when: what `status` shows.
  `ALTER TABLE partners ADD COLUMN worker TEXT;
   ALTER TABLE partners ADD COLUMN started_at TEXT;`,
  // 5: why a partner failed as data, { kind, values } (src/messages Problem), worded when shown in the
  // reader's language; error keeps the English words, and is all a row failed before version 5 has.
  'ALTER TABLE partners ADD COLUMN error_json TEXT;',
];

export const SCHEMA_VERSION = MIGRATIONS.length;

/** The SQL that takes a database of `version` to version + 1, in the dialect's words. */
export function migration(version: number, dialect: Dialect): string {
  return MIGRATIONS[version]!.replaceAll('{{ID}}', WORDS[dialect].id).replaceAll('{{BLOB}}', WORDS[dialect].blob);
}

export class SchemaTooNewError extends Error {
  constructor(where: string, version: number) {
    super(`${where} was written by a newer version of partner-presence (schema ${version}, this one knows up to ${SCHEMA_VERSION})`);
    this.name = 'SchemaTooNewError';
  }
}
