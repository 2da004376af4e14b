// `partner-presence serve`: the web service (server.ts). Every crawl option of `audit` is the
// server's to set; visitors choose only the homepage and the audit date. SIGTERM or Ctrl-C stops it
// cleanly: running audits go back to the queue and start over on the next start.

import { Command, InvalidArgumentError } from 'commander';
import { addCrawlOptions, crawlOptionsFromCli, UsageError } from '../cli-options.ts';
import { OutputDirBusyError } from '../batch/lock.ts';

export const ADMIN_TOKEN_ENV = 'PARTNER_PRESENCE_ADMIN_TOKEN';

const SERVE_HELP = `
The private-address guard is always on: --allow-private is refused. An intranet or test site is
allowed one address at a time with --allow-address (and reached with --resolve).

The program managers' console (/admin) and the batch API need an admin token: --admin-token or,
better (it stays out of the process list), the ${ADMIN_TOKEN_ENV} environment variable.

Examples:
  partner-presence serve --data /var/lib/partner-presence
  ${ADMIN_TOKEN_ENV}=… partner-presence serve --host 0.0.0.0 --port 8080 --trust-proxy --max-pages 150`;

function whole(min: number) {
  return (value: string) => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min) throw new InvalidArgumentError(`expected a whole number ≥ ${min}`);
    return n;
  };
}

function minutes(value: string): number {
  const n = Number(value);
  if (!Number.isFinite(n) || n < 0) throw new InvalidArgumentError('expected a number of minutes ≥ 0');
  return Math.round(n * 60_000);
}

export function registerServeCommand(program: Command): void {
  const serve = program
    .command('serve')
    .description('the web service: a self-check page for partners, a console for program managers, a JSON API')
    .option('--host <address>', 'address to listen on', '127.0.0.1')
    .option('--port <n>', 'port to listen on (0: any free port)', whole(0), 8080)
    .option('--data <dir>', 'directory of the result store (results.sqlite, shared with batch)', 'partner-presence-data')
    .option('--max-running <n>', 'audits running at once; the rest wait in line', whole(1), 2)
    .option('--admin-token <token>', `token of the program managers' console and batch API (default: $${ADMIN_TOKEN_ENV})`)
    .option('--audits-per-hour <n>', 'audits one visitor address may start per hour', whole(1), 6)
    .option('--cooldown <minutes>', 'a site audited this recently is shown again, not crawled again', minutes, 30 * 60_000)
    .option('--max-streams-per-address <n>', 'live-progress streams one client address may hold open at once', whole(1), 16)
    .option('--trust-proxy', 'behind a reverse proxy: client address and scheme from X-Forwarded-For / X-Forwarded-Proto');
  addCrawlOptions(serve);
  serve.addHelpText('after', SERVE_HELP);
  serve.action(async (opts: Record<string, unknown>, cmd: Command) => {
    cmd.setOptionValue('exitCode', await serveAction(opts));
  });
}

async function serveAction(opts: Record<string, unknown>): Promise<number> {
  let crawl;
  try {
    if (opts.allowPrivate) throw new UsageError('--allow-private is refused for the web service: allow named addresses with --allow-address');
    crawl = crawlOptionsFromCli(opts);
  } catch (error) {
    process.stderr.write(`partner-presence serve: ${(error as Error).message}\n`);
    return 2;
  }
  // Loaded here: the web framework is not needed by any other command.
  const { startService, DEFAULT_SERVICE_CONFIG } = await import('./server.ts');
  const token = (opts.adminToken as string | undefined) ?? process.env[ADMIN_TOKEN_ENV] ?? null;
  let service;
  try {
    service = await startService({
      ...DEFAULT_SERVICE_CONFIG,
      host: String(opts.host),
      port: opts.port as number,
      dataDir: String(opts.data),
      maxRunning: opts.maxRunning as number,
      adminToken: token && token.length > 0 ? token : null,
      crawl: { ...crawl, allowPrivate: false },
      auditsPerHour: opts.auditsPerHour as number,
      cooldownMs: opts.cooldown as number,
      maxStreamsPerAddress: opts.maxStreamsPerAddress as number,
      trustProxy: Boolean(opts.trustProxy),
    });
  } catch (error) {
    if (!(error instanceof OutputDirBusyError) && (error as { code?: string }).code !== 'EADDRINUSE') throw error;
    process.stderr.write(`partner-presence serve: ${(error as Error).message}\n`);
    return 2;
  }
  process.stderr.write(`partner-presence: serving ${service.url}/ (data in ${String(opts.data)}${token ? ', console at /admin' : ', console off: no admin token'})\n`);
  await new Promise<void>((resolve) => {
    const stop = (signal: NodeJS.Signals) => {
      process.stderr.write(`partner-presence: ${signal}, stopping (running audits start over on the next start)\n`);
      process.off('SIGTERM', stop);
      process.off('SIGINT', stop);
      void service.close().then(resolve);
    };
    process.on('SIGTERM', stop);
    process.on('SIGINT', stop);
  });
  return 0;
}
