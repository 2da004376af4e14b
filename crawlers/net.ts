// Where a request may connect: curl-style --resolve mappings and the private-address guard, which
// allows only global unicast addresses unless told otherwise.
import { lookup as dnsLookup } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';
import { FetchError } from './errors.ts';

/** IANA's IPv6 global unicast block: every address outside it is special-purpose (RFC 4291, RFC 6890). */
const GLOBAL_UNICAST_V6 = ipaddr.parseCIDR('2000::/3');

/** An IPv6 literal host without its URL brackets ("[::1]" → "::1"); other hosts unchanged. */
export const unbracket = (host: string) => host.replace(/^\[|\]$/g, '');

/** The port a request to `u` connects to. */
export const portOf = (u: URL) => u.port || (u.protocol === 'https:' ? '443' : '80');

/**
 * An address a public web site can have: global unicast, and in no special-purpose range of the IANA
 * registries as ipaddr.js knows them (private, loopback, link-local, CGNAT, unique-local, 6to4, Teredo,
 * NAT64, IPv4-mapped and -compatible, discard-only, documentation, multicast, reserved …).
 */
function isPublicAddress(address: string): boolean {
  const addr = unbracket(address);
  if (!isIP(addr)) return false;
  const ip = ipaddr.parse(addr);
  if (ip.kind() === 'ipv6' && !ip.match(GLOBAL_UNICAST_V6)) return false;
  return ip.range() === 'unicast';
}

/** An IP address the guard refuses unless allowed: any that is not public (see isPublicAddress). */
export function isPrivateAddress(address: string): boolean {
  return isIP(unbracket(address)) !== 0 && !isPublicAddress(address);
}

/** "host:port:address" → map key "host:port" → address (curl --resolve syntax; IPv6 in brackets). */
export function parseResolve(entries: string[]): Map<string, string> {
  const map = new Map<string, string>();
  for (const entry of entries) {
    const m = /^([^:\s]+):(\d{1,5}):(\[[0-9a-f:.]+\]|[0-9.]+|[0-9a-f:]+)$/i.exec(entry.trim());
    const address = m ? unbracket(m[3]) : '';
    if (!m || !isIP(address)) {
      throw new Error(`invalid resolve entry "${entry}": expected host:port:address, e.g. www.partner.test:8080:127.0.0.1`);
    }
    map.set(`${m[1].toLowerCase()}:${m[2]}`, address);
  }
  return map;
}

export interface ConnectPolicy {
  resolve: Map<string, string>;
  allowPrivate: boolean;
  /** Private addresses allowed one by one. */
  allowAddresses: ReadonlySet<string>;
}

function refused(policy: ConnectPolicy, address: string): boolean {
  return !policy.allowPrivate && isPrivateAddress(address) && !policy.allowAddresses.has(address);
}

function privateError(host: string, address: string): FetchError {
  return new FetchError(`${host} resolves to a private address (${address}); use --allow-private (or --allow-address ${address}) to crawl it`, 'EPRIVATE', false);
}

/**
 * A `lookup` for node:http that applies the --resolve mappings and refuses private addresses, so the
 * check holds on the address actually connected to (every request, every redirect hop).
 */
export function policyLookup(policy: ConnectPolicy, port: string): LookupFunction {
  return (hostname, options, callback) => {
    const done = (err: NodeJS.ErrnoException | null, address: string, family: number) => {
      if (!err && refused(policy, address)) err = privateError(hostname, address);
      if (err) return options.all ? callback(err, []) : callback(err, '', 0);
      if (options.all) callback(null, [{ address, family }]);
      else callback(null, address, family);
    };
    const mapped = policy.resolve.get(`${hostname.toLowerCase()}:${port}`);
    if (mapped) return done(null, mapped, isIP(mapped));
    dnsLookup(hostname, { family: options.family, hints: options.hints }, (err, address, family) => done(err, address, family));
  };
}

/** IP-literal hosts never reach `lookup`; check them up front. Throws FetchError when refused. */
export function checkLiteralHost(hostname: string, policy: ConnectPolicy): void {
  const host = unbracket(hostname);
  if (isIP(host) && refused(policy, host)) throw privateError(host, host);
}

/** Resolves a host as a request would and applies the guard; throws FetchError when refused. */
export function checkHostAddress(url: string, policy: ConnectPolicy): Promise<void> {
  const u = new URL(url);
  const port = portOf(u);
  checkLiteralHost(u.hostname, policy);
  return new Promise((resolve, reject) => {
    policyLookup(policy, port)(unbracket(u.hostname), {}, (err) => (err ? reject(err) : resolve()));
  });
}
