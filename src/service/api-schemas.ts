// JSON Schemas of the service's JSON API: Fastify validates requests against them (a bad request is
// a 400 naming the field) and serializes responses through them (nothing outside the schema leaks).
// The report itself is the report contract's (schema/report.schema.json) and is sent as rendered.

import { AUDIT_ID_PATTERN } from './scheduler.ts';

const DATE_PATTERN = '^\\d{4}-\\d{2}-\\d{2}$';
const STATUSES = ['pass', 'fail', 'review'];
const nullable = (schema: Record<string, unknown>) => ({ anyOf: [schema, { type: 'null' }] });

/**
 * What went wrong as data (src/messages Problem): a stable kind and its values, which scripts read; the
 * English `error` or `message` beside them is for people reading the JSON.
 */
const problemFields = {
  kind: { type: 'string' },
  values: { type: 'object', additionalProperties: { type: ['string', 'number'] } },
} as const;
const problem = { type: 'object', required: ['kind'], properties: problemFields } as const;

export const errorSchema = {
  $id: 'error',
  type: 'object',
  required: ['error'],
  properties: { error: { type: 'string' }, ...problemFields, retryAfterSeconds: { type: 'integer' }, problems: { $ref: 'problems#' } },
} as const;

export const problemsSchema = {
  $id: 'problems',
  type: 'array',
  items: { type: 'object', required: ['line', 'message'], properties: { line: { type: 'integer' }, ...problemFields, message: { type: 'string' } } },
} as const;

const checkBrief = {
  type: 'object',
  required: ['id', 'title', 'status', 'summary'],
  properties: { id: { type: 'string' }, title: { type: 'string' }, status: { enum: STATUSES }, summary: { type: 'string' } },
} as const;

export const auditStatusSchema = {
  $id: 'auditStatus',
  type: 'object',
  required: ['id', 'homepage', 'asOf', 'state', 'position', 'pagesFetched', 'currentUrl', 'checks', 'verdict', 'error', 'queuedAt', 'links'],
  properties: {
    id: { type: 'string' },
    homepage: { type: 'string' },
    asOf: { type: 'string' },
    state: { enum: ['queued', 'running', 'done', 'failed'] },
    position: nullable({ type: 'integer' }),
    pagesFetched: { type: 'integer' },
    pagesQueued: { type: 'integer' },
    currentUrl: nullable({ type: 'string' }),
    checks: { type: 'array', items: checkBrief },
    verdict: nullable({ enum: STATUSES }),
    error: nullable({ type: 'string' }),
    failure: nullable(problem),
    queuedAt: { type: 'string' },
    startedAt: nullable({ type: 'string' }),
    finishedAt: nullable({ type: 'string' }),
    links: {
      type: 'object',
      properties: { page: { type: 'string' }, events: { type: 'string' }, report: { type: 'string' }, markdown: { type: 'string' } },
    },
  },
} as const;

export const startAuditSchema = {
  body: {
    type: 'object',
    required: ['homepage'],
    additionalProperties: false,
    properties: {
      homepage: { type: 'string', minLength: 1, maxLength: 2000, description: 'the partner’s homepage; https:// is added when no scheme is given' },
      asOf: { type: 'string', pattern: DATE_PATTERN, description: 'audit date YYYY-MM-DD; default today' },
    },
  },
  response: {
    202: {
      type: 'object',
      required: ['id', 'joined', 'status'],
      properties: { id: { type: 'string' }, joined: { type: 'boolean' }, status: { $ref: 'auditStatus#' } },
    },
    400: { $ref: 'error#' },
    429: { $ref: 'error#' },
  },
} as const;

export const auditParamsSchema = {
  type: 'object',
  required: ['id'],
  properties: { id: { type: 'string', pattern: AUDIT_ID_PATTERN } },
} as const;

export const auditStatusRouteSchema = {
  params: auditParamsSchema,
  response: { 200: { $ref: 'auditStatus#' }, 404: { $ref: 'error#' } },
} as const;

const partnerStatus = {
  type: 'object',
  required: ['id', 'name', 'homepage', 'state', 'verdict', 'checks', 'changes', 'error', 'auditId'],
  properties: {
    id: { type: 'string' },
    name: { type: 'string' },
    homepage: { type: 'string' },
    state: { enum: ['queued', 'running', 'done', 'failed'] },
    verdict: nullable({ enum: STATUSES }),
    checks: { type: 'object', additionalProperties: { enum: STATUSES } },
    changes: nullable({
      type: 'array',
      items: { type: 'object', required: ['checkId', 'from', 'to'], properties: { checkId: { type: 'string' }, from: { type: 'string' }, to: { type: 'string' } } },
    }),
    error: nullable({ type: 'string' }),
    failure: nullable(problem),
    auditId: { type: 'string' },
    report: nullable({ type: 'string' }),
  },
} as const;

export const batchStatusSchema = {
  $id: 'batchStatus',
  type: 'object',
  required: ['id', 'fileName', 'asOf', 'state', 'startedAt', 'counts', 'problems'],
  properties: {
    id: { type: 'integer' },
    fileName: { type: 'string' },
    asOf: { type: 'string' },
    state: { enum: ['running', 'finished', 'interrupted'] },
    startedAt: { type: 'string' },
    finishedAt: nullable({ type: 'string' }),
    counts: {
      type: 'object',
      properties: { queued: { type: 'integer' }, running: { type: 'integer' }, done: { type: 'integer' }, failed: { type: 'integer' } },
    },
    problems: { $ref: 'problems#' },
    partners: { type: 'array', items: partnerStatus },
    links: { type: 'object', properties: { page: { type: 'string' }, events: { type: 'string' } } },
  },
} as const;

export const batchParamsSchema = {
  type: 'object',
  required: ['run'],
  properties: { run: { type: 'integer', minimum: 1 } },
} as const;

export const batchPartnerParamsSchema = {
  type: 'object',
  required: ['run', 'partner'],
  properties: { run: { type: 'integer', minimum: 1 }, partner: { type: 'string', minLength: 1, maxLength: 200 } },
} as const;
