// The peer of `npm run bench -- --peer crawlee`: Crawlee crawling the bench site the way a bare crawler
// does (fetch, parse, enqueue every same-host link; no analysis), with the bench's settings: C requests
// in flight, no delay, in-memory storage only, until no link is left: the bench's site has exactly as
// many pages as ours is told to fetch (--max-pages), and the bench checks both fetched that many.
//
//   node bench/peer/crawlee.js cheerio|playwright <start-url> <concurrency> [chromium]
//
// Progress goes to stderr as "fetched N" every 25 pages; the last stdout line is {"pages":N,"failed":N}.
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { PlaywrightCrawler } from '@crawlee/playwright';

const [mode, startUrl, concurrency, chromium] = process.argv.slice(2);
log.setLevel(log.LEVELS.ERROR);

let handled = 0;
const handled1 = () => {
  handled++;
  if (handled % 25 === 0) process.stderr.write(`fetched ${handled}\n`);
};

const common = {
  // No maxRequestsPerCrawl, although it is the obvious way to say "N pages": Crawlee 3.18 then caps each
  // enqueueLinks at the budget left (maxRequestsPerCrawl − handled − pending), adds the links in chunks
  // of that size with a 1 s sleep between chunks (addRequestsBatched's waitBetweenBatchesMillis, which
  // enqueueLinks does not expose) and waits for every chunk. Near the end of the budget a page's ~80
  // links, nearly all already queued, take 5–15 s to enqueue, and since duplicates do not use up the
  // budget it stays small: measured on the 2,000-page site, every task sat in enqueueLinks at a budget of
  // 13 for 95 s (10 pages per 6 s), and runs took 16–150 s at ~8 ms CPU per page. Crawling the site out
  // fetches the same pages without the trap.
  minConcurrency: Number(concurrency),
  maxConcurrency: Number(concurrency),
  // CheerioCrawler's default autoscaledPoolOptions start the pool at desiredConcurrency 10, and the pool
  // only scales up while the system reads as idle, so on a busy 2-core machine it stayed at 10 in flight
  // for whole runs, below minConcurrency. The bench promises C in flight for both sides.
  autoscaledPoolOptions: { desiredConcurrency: Number(concurrency) },
  maxRequestRetries: 0,
  sameDomainDelaySecs: 0,
  async requestHandler({ enqueueLinks }) {
    await enqueueLinks({ strategy: 'same-hostname' });
    handled1();
  },
};
// Nothing written to ./storage: the bench measures crawling, not Crawlee's disk persistence.
const config = new Configuration({ persistStorage: false, purgeOnStart: true });

const crawler = mode === 'playwright'
  ? new PlaywrightCrawler({
      ...common,
      browserPoolOptions: {
        // Fingerprint injection is Crawlee's disguise against bot detection: work for every page that
        // ours does not do and the bench site does not need.
        useFingerprints: false,
        // Ours replaces its browser every 500 pages; Crawlee's default is every 100.
        retireBrowserAfterPageCount: 500,
      },
      launchContext: {
        launchOptions: {
          executablePath: chromium,
          headless: true,
          args: ['--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
        },
      },
    }, config)
  : new CheerioCrawler(common, config);

const stats = await crawler.run([startUrl]);
process.stdout.write(`${JSON.stringify({ pages: stats.requestsFinished, failed: stats.requestsFailed })}\n`);
