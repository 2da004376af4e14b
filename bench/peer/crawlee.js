// The peer of `npm run bench -- --peer crawlee`: Crawlee crawling the bench site the way a bare crawler
// does (fetch, parse, enqueue every same-host link; no analysis), with the bench's settings: N pages,
// C requests in flight, no delay, in-memory storage only.
//
//   node bench/peer/crawlee.js cheerio|playwright <start-url> <max-pages> <concurrency> [chromium]
//
// Progress goes to stderr as "fetched N" every 25 pages; the last stdout line is {"pages":N}.
import { CheerioCrawler, Configuration, log } from '@crawlee/cheerio';
import { PlaywrightCrawler } from '@crawlee/playwright';

const [mode, startUrl, maxPages, concurrency, chromium] = process.argv.slice(2);
log.setLevel(log.LEVELS.ERROR);

let handled = 0;
const handled1 = () => {
  handled++;
  if (handled % 25 === 0) process.stderr.write(`fetched ${handled}\n`);
};

const common = {
  maxRequestsPerCrawl: Number(maxPages),
  minConcurrency: Number(concurrency),
  maxConcurrency: Number(concurrency),
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
