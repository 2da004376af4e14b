// Runs one crawl in a process of its own and prints, when crawlSite returns, the time and the pages;
// the process then ends by itself once nothing is left running. Used by tests that check a crawl leaves
// no work behind (a decompressor still inflating, a socket still open).
//   node --import tsx test/helpers/crawl-in-child.ts URL 'OPTIONS_JSON'
import { crawlSite } from '../../crawlers/crawl.ts';

const [url, optionsJson] = process.argv.slice(2);
const result = await crawlSite(url!, JSON.parse(optionsJson ?? '{}'));
const pages = result.pages.map(({ url: u, truncated, byteLength, error }) => ({ url: u, truncated, byteLength, error }));
process.stdout.write(`${JSON.stringify({ returnedAt: Date.now(), stoppedBy: result.stoppedBy, pages })}\n`);
