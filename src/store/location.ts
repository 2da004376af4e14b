// Which store a command uses, decided from its --store flag or the environment. Apart from the stores
// themselves (and their database clients), so that registering the commands loads neither.

export const STORE_ENV = 'PARTNER_PRESENCE_STORE';

/** The postgres URL asked for by --store or $PARTNER_PRESENCE_STORE, or null for SQLite. */
export function postgresUrl(flag: string | undefined, env: NodeJS.ProcessEnv = process.env): string | null {
  const value = flag ?? env[STORE_ENV];
  if (value === undefined || value === '' || value === 'sqlite') return null;
  if (!/^postgres(ql)?:\/\//.test(value)) throw new RangeError(`--store takes a postgres://… URL (or "sqlite"), got "${value}"`);
  return value;
}
