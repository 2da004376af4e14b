// What an HTTP answer is, read from its status and headers (and, for challenge pages, its first bytes).
import type { RawResponse } from './fetch.ts';
import { normalizeUrl } from './url.ts';

/** The MIME type of a Content-Type header, lower-case, without parameters; null when absent. */
export function mimeOf(headers: Record<string, string>): string | null {
  const value = headers['content-type'];
  return value ? value.split(';')[0].trim().toLowerCase() || null : null;
}

export const isHtmlType = (mime: string | null) => mime === 'text/html' || mime === 'application/xhtml+xml';

export function looksLikePdf(url: string, headers: Record<string, string>): boolean {
  const mime = mimeOf(headers);
  if (mime === 'application/pdf' || mime === 'application/x-pdf') return true;
  const binary = mime === null || mime === 'application/octet-stream' || mime === 'binary/octet-stream' || mime === 'application/force-download';
  return binary && (/\.pdf$/i.test(new URL(url).pathname) || /\.pdf\b/i.test(headers['content-disposition'] ?? ''));
}

/** Bot-protection and challenge answers: the site refused us, the page is not missing. */
export function botProtection(status: number, headers: Record<string, string>, body: Buffer): boolean {
  if (status === 999) return true;
  if (status !== 403 && status !== 429 && status !== 503) return false;
  if (headers['cf-mitigated'] || headers['x-datadome'] || headers['x-px-block']) return true;
  const text = body.subarray(0, 64 * 1024).toString('latin1');
  return /Just a moment\.\.\.|Attention Required! \| Cloudflare|cf-chl|challenge-platform|cf-browser-verification|_Incapsula_Resource|px-captcha|captcha-delivery|DDoS-Guard|Access Denied<\/h1>|Pardon Our Interruption/i.test(text);
}

/** A Retry-After header (seconds or an HTTP date) in milliseconds from now; null when absent or unreadable. */
export function retryAfterMs(value: string | undefined): number | null {
  if (!value) return null;
  if (/^\d+$/.test(value.trim())) return Number(value.trim()) * 1000;
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, at - Date.now());
}

/** Where a 3xx answer points, resolved against the URL that answered; null when it is not a redirect. */
export function redirectTarget(res: RawResponse, from: string): string | null {
  return res.status >= 300 && res.status < 400 && res.headers.location ? normalizeUrl(res.headers.location, from) : null;
}
