import { describe, expect, it } from 'vitest';
import { readCaseStudy } from '../analyzers/case-study.ts';
import { detectAws } from '../analyzers/aws.ts';
import type { CaseStudyFacts, PageContent } from '../analyzers/types.ts';
import { pageContent } from './helpers/page-content.ts';

const read = (content: PageContent, url: string): CaseStudyFacts =>
  readCaseStudy(content, url, detectAws(content.mainText).services);

const contoso = pageContent({
  title: 'How Contoso Grocers cut stockouts by 32% with AWS | Harbourline Digital',
  meta: { 'og:site_name': 'Harbourline Digital' },
  blocks: [
    ['h1', 'How Contoso Grocers cut stockouts by 32% with AWS'],
    ['p', 'Contoso Grocers runs 180 supermarkets and a fast-growing online store across Taiwan and Japan. Contoso Grocers asked Harbourline to rebuild its demand forecasting and replenishment.'],
    ['h2', 'The challenge'],
    ['p', 'Store managers ordered by hand from spreadsheets. Stockouts on fresh produce reached 9% at weekends, while slow movers piled up in the distribution center. The legacy on-premises Oracle data warehouse could not process POS data before the morning replenishment run. As a card-accepting retailer, Contoso must keep cardholder data in a PCI DSS compliant environment and keep member data under GDPR for its EU loyalty members.'],
    ['h2', 'The solution'],
    ['p', 'Harbourline designed a forecasting platform on AWS. POS transactions stream through Amazon Kinesis Data Streams into Amazon S3; AWS Glue jobs prepare features and Amazon SageMaker trains store-level demand forecasting models per SKU. Replenishment orders are written back to SAP S/4HANA through Amazon EventBridge and AWS Lambda.'],
    ['p', 'Our retail consultants tuned safety stock and promotion uplift for each category, and built store clustering so planners can compare similar stores. Loyalty data from Braze personalises offers.'],
    ['p', 'Everything is deployed with AWS CloudFormation and the AWS CDK across three Availability Zones (Multi-AZ), with a cross-Region disaster recovery copy in Tokyo (RPO 15 minutes, RTO 1 hour). Amazon CloudWatch alarms and AWS X-Ray traces feed our runbooks. IAM roles follow least privilege, S3 bucket policies block public access, and all data is encrypted at rest with AWS KMS and in transit with TLS 1.2. The cardholder data environment sits in a segmented network, and an external penetration test runs every quarter.'],
    ['h2', 'Results'],
    ['li', 'Stockouts down 32% in the first six months'],
    ['li', 'Inventory turnover up 1.8x'],
    ['p', 'Harbourline now runs the platform as a managed service with 24/7 monitoring, monthly cost reviews and an SLA of 99.9%.'],
    ['h3', 'About Contoso Grocers'],
    ['p', 'Contoso Grocers is a grocery retailer founded in 1978, with 180 stores.'],
    ['h3', 'About Harbourline Digital'],
    ['p', 'Harbourline Digital is an AWS Advanced Tier Services Partner and AWS MSP Partner, ISO 27001 and SOC 2 certified, with the AWS Retail Competency.'],
  ],
  links: [
    { url: 'https://www.linkedin.com/company/harbourline', text: 'LinkedIn' },
    { url: 'https://www.contosogrocers.com/', text: 'contosogrocers.com' },
    { url: 'https://www.harbourline.test/contact/', text: 'Contact us', internal: true },
  ],
});

describe('readCaseStudy', () => {
  it('reads every element of a full retail AWS case study, each with its excerpt', () => {
    const cs = read(contoso, 'https://www.harbourline.test/case-studies/contoso-grocers/');
    expect(cs.customer).toBe('Contoso Grocers');
    expect(cs.anonymized).toBe(false);
    expect(cs.customerWebsite).toBe('https://www.contosogrocers.com/');
    for (const [id, element] of Object.entries(cs.elements)) {
      expect(element.present, id).toBe(true);
      expect(element.excerpt, id).toBeTruthy();
      expect(element.excerpt!.length, id).toBeLessThanOrEqual(240);
    }
    expect(cs.elements.problem.excerpt).toMatch(/^The challenge: Store managers/);
    expect(cs.elements.solution.excerpt).toMatch(/^The solution: Harbourline designed/);
    expect(cs.elements.results.excerpt).toBe('Stockouts down 32% in the first six months');
    // The customer's requirements, not the partner's own certificates in "About Harbourline Digital".
    expect(cs.compliance).toEqual(['PCI DSS', 'GDPR']);
    expect(cs.elements.compliance.excerpt).toContain('cardholder data');
    expect(cs.thirdParty).toEqual(expect.arrayContaining(['Oracle', 'SAP S/4HANA', 'Braze']));
    expect(cs.delivery).toBe('msp');
    expect(cs.deliverySignals.msp.join(' ')).toMatch(/managed service.*24\/7/);
    const ids = ['V2.1', 'V2.2', 'V2.3', 'V2.4', 'V2.5', 'V2.6', 'V2.7', 'V2.8', 'V2.10', 'V2.11', 'V2.12', 'V2.13'];
    expect(Object.keys(cs.validationSignals).sort()).toEqual([...ids].sort());
    expect(cs.validationSignals['V2.13']).toContain('penetration test');
    expect(cs.validationSignals['V2.2']).toContain('CloudFormation');
  });

  it('reads a shop the partner keeps looking after (ongoing monitoring and maintenance) as a managed service', () => {
    const page = pageContent({
      title: 'Online shop rebuild for Larkspur Linen',
      blocks: [
        ['h1', 'Online shop rebuild for Larkspur Linen'],
        ['p', 'Client: Larkspur Linen'],
        ['h2', 'What we did'],
        ['li', 'Shop rebuilt on Magento 2, hosted on Amazon EC2'],
        ['li', 'Infrastructure set up and configured'],
        ['li', 'Ongoing monitoring of the shop'],
        ['li', 'Ongoing maintenance and update planning'],
      ],
    });
    const cs = read(page, 'https://www.webcraft.test/portfolio/larkspur-linen/');
    expect(cs.deliverySignals.msp).toEqual(['ongoing operations ("Ongoing monitoring")']);
    expect(cs.delivery).toBe('msp');
  });

  it('does not take AWS product wording ("a fully managed service") for the partner running it', () => {
    const page = pageContent({
      title: 'Pinecrest Pantry moves its loyalty program to AWS',
      blocks: [
        ['h1', 'Pinecrest Pantry moves its loyalty program to AWS'],
        ['h2', 'Challenge'],
        ['p', 'Pinecrest Pantry, a chain of 80 grocery stores, ran its loyalty points on an ageing on-premises database that failed every holiday weekend.'],
        ['h2', 'Solution'],
        ['p', 'Member data now lives in Amazon DynamoDB, a fully managed NoSQL database, and orders in Amazon Aurora, a fully-managed service that scales with demand.'],
        ['h2', 'Results'],
        ['p', 'Checkout times for members fell by 38% and the program handled twice the holiday traffic.'],
      ],
    });
    const cs = read(page, 'https://www.cloudpartner.test/case-studies/pinecrest-pantry/');
    expect(cs.deliverySignals.msp).toEqual([]);
    expect(cs.delivery).toBe('unknown');
  });

  it('finds a quantified result after an earlier number that is no outcome, and outcomes that rose or fell', () => {
    const page = pageContent({
      title: 'Harbour & Pine rebuilds its storefront on AWS',
      blocks: [
        ['h1', 'Harbour & Pine rebuilds its storefront on AWS'],
        ['h2', 'Challenge'],
        ['p', 'Harbour & Pine, a homeware retailer with 40 stores, saw its storefront stall at peak.'],
        ['h2', 'Solution'],
        ['p', 'We moved the storefront to Amazon ECS on AWS Fargate behind Amazon CloudFront.'],
        ['h2', 'Results'],
        ['p', 'The new storefront served 11 times normal traffic during the winter sale. Online conversion rose 14% in the first quarter.'],
      ],
    });
    expect(read(page, 'https://www.partner.test/stories/harbour-and-pine/').elements.results).toEqual({
      present: true, excerpt: expect.stringContaining('conversion rose 14%'),
    });
    const elsewhere = pageContent({
      title: 'Lumen Outfitters',
      blocks: [
        ['h1', 'Lumen Outfitters'],
        ['p', 'Lumen Outfitters sells outdoor gear in 12 stores and online; after the move average order value rose 9% and returns fell by a third.'],
      ],
    });
    expect(read(elsewhere, 'https://www.partner.test/stories/lumen/').elements.results.excerpt).toContain('rose 9%');
  });

  it('flags an anonymised customer and looks for no website', () => {
    const page = pageContent({
      title: 'Part of a large cloud transformation journey for a large retailer',
      blocks: [
        ['h1', 'Part of a large cloud transformation journey for a large retailer'],
        ['li', 'Client: NDA'],
        ['li', 'Industry: Retail'],
        ['h2', 'Business challenge'],
        ['p', 'The retailer’s e-commerce platform struggled at peak: checkout latency doubled on sale days and the team could not scale the monolith.'],
        ['h2', 'Our approach'],
        ['p', 'We migrated the storefront to Amazon EKS with Amazon Aurora PostgreSQL and Amazon CloudFront in front, in 11 weeks, with a fixed scope and a knowledge transfer to the client’s team.'],
        ['h2', 'Outcome'],
        ['p', 'Page load time fell by 45% and the platform handled 3x the Black Friday traffic.'],
      ],
      links: [{ url: 'https://www.example-retailer.com/', text: 'Read more' }],
    });
    const cs = read(page, 'https://genisys.test/success-stories/large-retailer/');
    expect(cs.anonymized).toBe(true);
    expect(cs.customer).toBeNull();
    // The "Client: NDA" label decides before the title's "a large retailer" is read.
    expect(cs.customerRule).toBe('label');
    expect(cs.elements.customerName).toEqual({ present: false, excerpt: expect.stringContaining('Client: NDA') });
    expect(cs.customerWebsite).toBeNull();
    expect(cs.elements.problem.present).toBe(true);
    expect(cs.elements.solution.excerpt).toMatch(/^Our approach: We migrated/);
    expect(cs.elements.results.excerpt).toContain('45%');
    expect(cs.delivery).toBe('project');
  });

  it('reads a Traditional Chinese case study (挑戰 / 解決方案 / 效益, 個資法, 代管 → MSP)', () => {
    const page = pageContent({
      title: '【客戶案例】遠東百貨導入 AWS 打造全通路會員平台｜雲橋科技',
      lang: 'zh-TW',
      meta: { 'og:site_name': '雲橋科技' },
      blocks: [
        ['h1', '遠東百貨導入 AWS 打造全通路會員平台'],
        ['h2', '公司簡介'],
        ['p', '遠東百貨成立於1967年，全台擁有多家百貨公司與購物中心，會員人數超過300萬。'],
        ['h2', '挑戰'],
        ['p', '舊有會員系統分散於各門市與官網，無法即時整合點數與消費紀錄，行銷活動高峰時系統回應緩慢；同時須符合個人資料保護法（個資法）對會員資料的要求。'],
        ['h2', '解決方案'],
        ['p', '雲橋科技協助遠東百貨將會員平台遷移至 AWS，以 Amazon Aurora 與 Amazon DynamoDB 儲存會員與點數資料，透過 AWS Lambda 與 Amazon API Gateway 串接 POS 與 APP，並以 Amazon Personalize 提供個人化商品推薦。'],
        ['p', '會員資料以 AWS KMS 加密，並導入 91APP 與 LINE 官方帳號進行精準行銷。'],
        ['h2', '效益'],
        ['li', '會員回購率提升 35%'],
        ['li', '活動期間系統回應時間縮短 60%'],
        ['p', '上線後由雲橋科技提供 7x24 代管服務與系統維運，並持續優化雲端成本。'],
      ],
      links: [
        { url: 'https://www.feds.com.tw/', text: '遠東百貨官網' },
        { url: 'https://www.facebook.com/cloudbridge', text: 'Facebook' },
      ],
    });
    const cs = read(page, 'https://www.cloudbridge.test/tw/success-case/feds.html');
    expect(cs.customer).toBe('遠東百貨');
    expect(cs.customerWebsite).toBe('https://www.feds.com.tw/');
    expect(cs.elements.problem.excerpt).toMatch(/^挑戰: 舊有會員系統/);
    expect(cs.elements.solution.excerpt).toMatch(/^解決方案: 雲橋科技協助/);
    expect(cs.elements.results.excerpt).toBe('會員回購率提升 35%');
    expect(cs.compliance).toEqual(['個資法']);
    expect(cs.delivery).toBe('msp');
    expect(cs.deliverySignals.msp.join(' ')).toContain('代管');
    expect(cs.thirdParty).toEqual(expect.arrayContaining(['91APP', 'LINE']));
    expect(cs.elements.retailDomainKnowledge.present).toBe(true);
    expect(cs.validationSignals['V2.11']).toContain('加密');
  });

  it('reads a project-based migration and its delivery signals', () => {
    const page = pageContent({
      title: 'ShopNow: e-commerce cloud migration in 11 weeks',
      blocks: [
        ['h1', 'ShopNow: e-commerce cloud migration in 11 weeks'],
        ['p', 'ShopNow is an online fashion retailer selling 40,000 SKUs across Europe. ShopNow chose Kiloma for a fixed-price migration project.'],
        ['h2', 'The Challenge'],
        ['p', 'Its Magento storefront ran on ageing colocation servers that could not absorb seasonal peaks.'],
        ['h2', 'The Solution'],
        ['p', 'Kiloma ran a two-week proof of concept, then migrated the shop to Amazon EC2 Auto Scaling groups behind an Application Load Balancer, with Amazon RDS for MySQL and Amazon ElastiCache. Infrastructure is defined in Terraform.'],
        ['p', 'After go-live we handed over runbooks and delivered knowledge transfer sessions to ShopNow’s engineers, who now operate the platform themselves.'],
        ['h2', 'Results'],
        ['p', 'Hosting costs dropped 38% and page speed improved 2.5x during the winter sale.'],
      ],
      links: [{ url: 'https://shopnow.example/', text: 'Website' }],
    });
    const cs = read(page, 'https://kiloma.test/case-studies/ecommerce-cloud-migration');
    expect(cs.customer).toBe('ShopNow');
    expect(cs.customerWebsite).toBe('https://shopnow.example/');
    expect(cs.delivery).toBe('project');
    expect(cs.deliverySignals.project.join(' ')).toMatch(/go-live/);
    expect(cs.deliverySignals.project.join(' ')).toMatch(/handover/);
    expect(cs.thirdParty).toContain('Adobe Commerce');
    expect(cs.validationSignals['V2.2']).toContain('Terraform');
    expect(cs.validationSignals['V2.6']).toContain('runbooks');
    expect(cs.compliance).toEqual([]);
    expect(cs.elements.compliance).toEqual({ present: false, excerpt: null });
  });

  it('reads a study built on Azure: other cloud, no AWS services', () => {
    const page = pageContent({
      title: 'Northwind Outfitters moves to the cloud',
      blocks: [
        ['h1', 'Northwind Outfitters moves to the cloud'],
        ['p', 'Northwind Outfitters, a sporting goods retailer, rebuilt its order management system on Microsoft Azure with Azure Functions and Cosmos DB.'],
        ['h2', 'Results'],
        ['p', 'Order processing time was reduced by 50%.'],
      ],
    });
    const aws = detectAws(page.mainText);
    expect(aws).toEqual({ services: [], mentionsAws: false, otherClouds: ['Microsoft Azure'] });
    const cs = readCaseStudy(page, 'https://contoso-consulting.test/work/northwind', aws.services);
    expect(cs.customer).toBe('Northwind Outfitters');
    expect(cs.elements.awsServices).toEqual({ present: false, excerpt: null });
  });

  it('ignores a block that only lists certification names', () => {
    const page = pageContent({
      title: 'Fabrikam Fashion: a new loyalty platform',
      blocks: [
        ['h1', 'Fabrikam Fashion: a new loyalty platform'],
        ['p', 'Fabrikam Fashion wanted a loyalty program that rewards shoppers in store and online. Fabrikam Fashion runs 60 stores.'],
        ['p', 'ISO 27001 · SOC 2 Type II · PCI DSS certified'],
        ['p', 'We built the loyalty service on AWS Lambda and Amazon DynamoDB.'],
      ],
    });
    const cs = read(page, 'https://www.harbourline.test/work/fabrikam');
    expect(cs.customer).toBe('Fabrikam Fashion');
    expect(cs.compliance).toEqual([]);
    expect(cs.delivery).toBe('unknown');
  });

  it('reads sections whose headings are bold paragraphs', () => {
    const page = pageContent({
      title: 'Tailwind Traders: faster replenishment',
      blocks: [
        ['p', 'Tailwind Traders runs 40 hardware stores. Tailwind Traders asked us to speed up replenishment.'],
        ['p', 'The Challenge'],
        ['p', 'Stock counts reached head office a day late, so stores ran out of fast movers.'],
        ['p', 'Our Solution'],
        ['p', 'Store stock now streams to Amazon DynamoDB and replenishment orders are raised every hour.'],
        ['p', 'Results:'],
        ['p', 'Out-of-stock incidents fell 30%.'],
      ],
    });
    const cs = read(page, 'https://www.harbourline.test/work/tailwind');
    expect(cs.customer).toBe('Tailwind Traders');
    expect(cs.elements.problem.excerpt).toBe('The Challenge: Stock counts reached head office a day late, so stores ran out of fast movers.');
    expect(cs.elements.solution.excerpt).toMatch(/^Our Solution: Store stock now streams/);
    expect(cs.elements.results.excerpt).toBe('Out-of-stock incidents fell 30%.');
  });

  it('reads a problem written with a contraction ("couldn’t" as "could not") when no heading names it', () => {
    const page = pageContent({
      title: 'Fabrikam Fashion moves checkout to AWS',
      blocks: [
        ['p', 'Fabrikam Fashion runs 60 stores and an online shop. Fabrikam Fashion’s checkout couldn’t keep up with Black Friday traffic.'],
        ['p', 'Checkout now runs on AWS Lambda and Amazon DynamoDB.'],
      ],
    });
    const cs = read(page, 'https://www.harbourline.test/work/fabrikam-checkout');
    expect(cs.elements.problem).toEqual({ present: true, excerpt: 'Fabrikam Fashion’s checkout couldn’t keep up with Black Friday traffic.' });
  });

  it('finds the customer in JSON-LD and in a "Customer:" label', () => {
    const base = {
      title: 'Retail analytics modernisation',
      blocks: [
        ['p', 'A data lake on Amazon S3 and Amazon Redshift now feeds merchandise planning dashboards.'],
      ] as [string, string][],
    };
    const fromJsonLd = read(
      pageContent({ ...base, jsonLd: [{ '@type': 'Article', about: { '@type': 'Organization', name: 'Tailspin Toys' } }] }),
      'https://www.harbourline.test/work/tailspin',
    );
    expect(fromJsonLd.customer).toBe('Tailspin Toys');
    expect(fromJsonLd.customerRule).toBe('json-ld');
    const fromLabel = read(
      pageContent({ ...base, blocks: [['li', 'Customer: Wide World Importers | Industry: Retail'], ...base.blocks] }),
      'https://www.harbourline.test/work/wwi',
    );
    expect(fromLabel.customer).toBe('Wide World Importers');
    expect(fromLabel.customerRule).toBe('label');
    const anonymousZh = read(
      pageContent({ title: '某知名零售商導入 AWS 資料湖', lang: 'zh-TW', blocks: [['p', '某知名零售商導入 Amazon S3 資料湖，提升報表效率 3 倍。']] }),
      'https://www.cloudbridge.test/case/1',
    );
    expect(anonymousZh.anonymized).toBe(true);
    expect(anonymousZh.customerRule).toBe('title');
    expect(anonymousZh.elements.customerName.present).toBe(false);
  });
});

describe('readCaseStudy: customer named only in the running text (compromise tags the introduction)', () => {
  const harbourline = { 'og:site_name': 'Harbourline Digital' };
  const url = 'https://www.harbourline.test/case-studies/story/';

  it('takes an organisation named once ("For Bramble & Co, …", then "the retailer")', () => {
    const page = pageContent({
      title: 'Peak-season e-commerce that holds up | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['h1', 'Peak-season e-commerce that holds up'],
        ['p', 'For Bramble & Co, a Melbourne homewares chain with 14 stores, the Christmas peak used to mean checkout outages.'],
        ['h2', 'The challenge'],
        ['p', 'The retailer’s self-hosted storefront could not scale past 600 orders an hour, and its team spent every December firefighting.'],
        ['h2', 'The solution'],
        ['p', 'Harbourline Digital moved the storefront to Amazon ECS on AWS Fargate with Amazon Aurora Serverless.'],
        ['h2', 'Results'],
        ['p', 'Checkout errors fell 92% during the last Christmas peak.'],
      ],
    });
    const cs = read(page, url);
    expect(cs.customer).toBe('Bramble & Co');
    expect(cs.customerRule).toBe('introduction');
    expect(cs.anonymized).toBe(false);
    expect(cs.elements.customerName.excerpt).toContain('Bramble & Co, a Melbourne homewares chain');
  });

  it('reads a customer the title writes in lower case as the prose writes it, never a word that only opens a sentence', () => {
    const story = (title: string, opening: string) => pageContent({
      title,
      blocks: [
        ['h1', title],
        ['p', opening],
        ['h2', 'The challenge'],
        ['p', 'Each of its 40 stores ordered stock by hand, and the buyers only saw sales a week late.'],
        ['h2', 'The solution'],
        ['p', 'Our team built demand forecasting for Valley Fresh Markets on Amazon SageMaker and Amazon Redshift.'],
        ['h2', 'Results'],
        ['p', 'Stockouts fell 30% in the first quarter.'],
      ],
    });
    const url = 'https://www.cedarpeak.test/case-studies/valley/';
    const lower = read(story('Cedar Peak helps valley fresh markets forecast store demand', 'Last spring the grocer Valley Fresh Markets asked for help.'), url);
    expect(lower).toMatchObject({ customer: 'Valley Fresh Markets', customerRule: 'title' });
    // "Retailers" is capitalised only where it opens a sentence: no name.
    const generic = read(story('Cedar Peak helps retailers forecast store demand', 'Retailers lose sales to empty shelves.'), url);
    expect(generic.customer).not.toBe('Retailers');
  });

  it('prefers the name before a title colon to "… with X"', () => {
    const page = pageContent({
      title: 'Summit Outdoor Supply: 98% inventory accuracy with RFID on AWS – Cedar Peak Consulting',
      blocks: [
        ['h1', 'Summit Outdoor Supply: 98% inventory accuracy with RFID on AWS'],
        ['p', 'Summit Outdoor Supply runs 37 outdoor-gear stores. RFID readers now publish to AWS IoT Core.'],
      ],
    });
    expect(read(page, 'https://www.cedarpeak.test/case-studies/summit/').customer).toBe('Summit Outdoor Supply');
  });

  it('passes over a person quoted twice for the company named after them', () => {
    const page = pageContent({
      title: 'Real-time store stock with AWS | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['p', 'Jane Doe, CIO of Valley Fresh Markets, wanted store stock visible in real time. Jane Doe’s team ran 35 stores on nightly batch files.'],
        ['p', 'Valley Fresh Markets chose Harbourline Digital to stream store sales into Amazon Kinesis and Amazon DynamoDB.'],
        ['p', 'Stock accuracy rose to 98% within three months.'],
      ],
    });
    expect(read(page, url).customer).toBe('Valley Fresh Markets');
  });

  it('passes over a place named twice ("Based in Portland, …")', () => {
    const page = pageContent({
      title: 'Order management on AWS | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['p', 'Based in Portland, Kestrel Sportswear sells outdoor gear online and in 12 Portland stores.'],
        ['p', 'Kestrel Sportswear replaced its order management system with services on AWS Lambda and Amazon SQS.'],
      ],
    });
    expect(read(page, url).customer).toBe('Kestrel Sportswear');
  });

  it('reads "<Name> is a leading regional grocer" as a named customer, not an anonymised one', () => {
    const page = pageContent({
      title: 'Cutting fresh-food waste with demand forecasting | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['p', 'Valley Fresh Markets is a leading regional grocer with 35 stores in Ohio and Indiana.'],
        ['p', 'Its buyers ordered fresh produce from last year’s sales, and waste reached 8% of fresh sales.'],
        ['p', 'Amazon SageMaker now forecasts demand per store and SKU every night.'],
      ],
    });
    const cs = read(page, url);
    expect(cs.customer).toBe('Valley Fresh Markets');
    expect(cs.customerRule).toBe('anonymised');
    expect(cs.anonymized).toBe(false);
  });

  it('invents no name for anonymised stories, whatever places and partner names they mention', () => {
    const leading = pageContent({
      title: 'Markdown optimisation on AWS | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['p', 'In Europe, a leading fashion retailer asked Harbourline Digital to price end-of-season stock.'],
        ['p', 'Harbourline Digital built markdown models on Amazon SageMaker for 400 stores across Europe.'],
      ],
    });
    const anonymous = read(leading, url);
    expect(anonymous.customer).toBeNull();
    expect(anonymous.anonymized).toBe(true);
    expect(anonymous.elements.customerName.excerpt).toContain('a leading fashion retailer');

    const unnamed = pageContent({
      title: 'Loyalty platform modernisation | Harbourline Digital',
      meta: harbourline,
      blocks: [
        ['p', 'The retailer runs 200 stores in Germany, and its loyalty app had outgrown its database.'],
        ['p', 'Harbourline Digital moved loyalty data to Amazon DynamoDB; members in Germany now see points within seconds.'],
      ],
    });
    const cs = read(unnamed, url);
    expect(cs.customer).toBeNull();
    expect(cs.anonymized).toBe(false);
  });
});

describe('readCaseStudy: section headings partners use', () => {
  const url = 'https://www.northgate.test/work/story/';

  it('reads "The ask" / "Our approach" / "What changed" and "Context" / "What we built" / "Outcomes" as problem, solution, results', () => {
    const agency = pageContent({
      title: 'Harbour & Pine: one basket across web and stores | Northgate Cloud',
      meta: { 'og:site_name': 'Northgate Cloud' },
      blocks: [
        ['h1', 'Harbour & Pine: one basket across web and stores'],
        ['p', 'Harbour & Pine sells kitchenware from 22 shops in Ireland and online. Harbour & Pine came to Northgate Cloud in 2025.'],
        ['h2', 'The ask'],
        ['p', 'Shoppers who filled a basket online could not see it in the store app, and gift cards bought in shops did not work on the website.'],
        ['h2', 'Our approach'],
        ['p', 'We moved basket and gift-card services to AWS Lambda and Amazon DynamoDB behind Amazon API Gateway, shared by the web shop and the store app.'],
        ['h2', 'What changed'],
        ['p', 'Cross-channel orders grew 27% in the first quarter.'],
      ],
    });
    const a = read(agency, url);
    expect(a.elements.problem.excerpt).toMatch(/^The ask: Shoppers who filled/);
    expect(a.elements.solution.excerpt).toMatch(/^Our approach: We moved basket/);
    expect(a.elements.results.excerpt).toBe('Cross-channel orders grew 27% in the first quarter.');

    const consultancy = pageContent({
      title: 'Loyalty that keeps up on sale days',
      blocks: [
        ['p', 'Brightwater Pharmacy runs 90 pharmacies. Brightwater Pharmacy’s loyalty scheme has 1.2 million members.'],
        ['h2', 'Context'],
        ['p', 'Points were posted overnight, so members who shopped on sale days saw stale balances at the till.'],
        ['h2', 'What we built'],
        ['p', 'Points now post in seconds through Amazon Kinesis Data Streams and AWS Lambda into Amazon Aurora.'],
        ['h2', 'Outcomes'],
        ['p', 'Balance queries at the till fell by 60%.'],
      ],
    });
    const c = read(consultancy, url);
    expect(c.elements.problem.excerpt).toMatch(/^Context: Points were posted overnight/);
    expect(c.elements.solution.excerpt).toMatch(/^What we built: Points now post/);
    expect(c.elements.results.excerpt).toBe('Balance queries at the till fell by 60%.');
  });

  it('reads "The brief" / "Background" / "The situation" / "Objectives" as the problem and "The impact" as the results', () => {
    for (const heading of ['The brief', 'Background', 'The situation', 'Objectives']) {
      const page = pageContent({
        title: 'Ashdown Books: click-and-collect in every shop',
        blocks: [
          ['p', 'Ashdown Books has 48 bookshops. Ashdown Books wanted online orders ready in store within two hours.'],
          ['h2', heading],
          ['p', 'Orders were picked at the warehouse and took three days to reach a shop.'],
          ['h2', 'What we did'],
          ['p', 'Shop stock is now published to Amazon OpenSearch Service so the web shop can route orders to the nearest shop.'],
          ['h2', 'The impact'],
          ['p', 'Collection times fell from 72 hours to under 2 hours.'],
        ],
      });
      const cs = read(page, url);
      expect(cs.elements.problem.excerpt, heading).toBe(`${heading}: Orders were picked at the warehouse and took three days to reach a shop.`);
      expect(cs.elements.solution.excerpt, heading).toMatch(/^What we did: Shop stock/);
      expect(cs.elements.results.excerpt, heading).toBe('Collection times fell from 72 hours to under 2 hours.');
    }
  });

  it('reads 合作背景 / 專案背景 as the problem, 客戶背景 / 公司背景 / 客戶簡介 as about the customer', () => {
    const story = (about: string, background: string) =>
      pageContent({
        title: '綠洲生活百貨：門市補貨自動化｜晨光雲端',
        lang: 'zh-TW',
        meta: { 'og:site_name': '晨光雲端' },
        blocks: [
          ['h1', '綠洲生活百貨：門市補貨自動化'],
          ['h2', about],
          ['p', '綠洲生活百貨創立於1998年，全台共有 65 家門市，販售居家與廚房用品。'],
          ['h2', background],
          ['p', '各門市每週以 Excel 回報庫存，總部無法即時掌握熱銷品缺貨，促銷檔期常常斷貨。'],
          ['h2', '解決方案'],
          ['p', '晨光雲端將門市 POS 與倉儲資料匯入 Amazon S3，以 AWS Glue 整理後由 Amazon Redshift 產生每日補貨建議。'],
          ['h2', '導入效益'],
          ['li', '熱銷品缺貨率降低 35%'],
        ],
      });
    for (const about of ['客戶背景', '公司背景', '企業背景', '客戶簡介']) {
      for (const background of ['合作背景', '專案背景']) {
        const cs = read(story(about, background), 'https://www.chenguang.test/cases/oasis.html');
        expect(cs.customer, `${about} / ${background}`).toBe('綠洲生活百貨');
        expect(cs.elements.problem.excerpt, `${about} / ${background}`).toBe(`${background}: 各門市每週以 Excel 回報庫存，總部無法即時掌握熱銷品缺貨，促銷檔期常常斷貨。`);
      }
    }
  });

  it('takes the customer from the h1 when <title> is only the site name, and drops 股份有限公司 from an introduced name', () => {
    const page = pageContent({
      title: '天祥雲端科技股份有限公司',
      meta: { 'og:site_name': '天祥雲端科技股份有限公司' },
      blocks: [
        ['h1', '「好食光」連鎖餐飲導入 AWS 雲端 POS 案例'],
        ['p', '客戶簡介'],
        ['p', '好食光餐飲集團（www.haoshiguang.example）旗下有早午餐與手搖飲兩個品牌，全台門市共 138 家。'],
        ['p', '面臨挑戰'],
        ['p', '各門市 POS 為單機系統，營收須等店長每晚手動回傳，POS 資料隔天中午才看得到。'],
      ],
    });
    expect(read(page, 'https://www.tiencloud.test/tw/case_detail_24.html')).toMatchObject({ customer: '好食光', customerRule: 'title' });
    const legal = pageContent({
      title: '天祥雲端科技股份有限公司',
      meta: { 'og:site_name': '天祥雲端科技股份有限公司' },
      blocks: [
        ['h1', '全家福量販會員數據平台'],
        ['p', '客戶簡介'],
        ['p', '全家福量販股份有限公司（www.quanjiafu.example）為中部起家的連鎖量販店，全台 46 家分店。'],
        ['p', '面臨挑戰'],
        ['p', '全家福量販的會員卡、電商網站與 LINE 官方帳號各有一套會員資料。'],
      ],
    });
    expect(read(legal, 'https://www.tiencloud.test/tw/case_detail_21.html')).toMatchObject({ customer: '全家福量販', customerRule: 'about-heading' });
  });

  it('reads an h1 that hides the customer (國內知名量販店, 某連鎖藥妝) as anonymised, not as a name', () => {
    for (const h1 of ['「國內知名量販店」導入 AWS 需求預測案例', '某連鎖藥妝導入 AWS 會員平台案例', '台灣一家連鎖超市的 AWS 補貨系統']) {
      const page = pageContent({
        title: '天祥雲端科技股份有限公司',
        meta: { 'og:site_name': '天祥雲端科技股份有限公司' },
        blocks: [['h1', h1], ['p', '面臨挑戰'], ['p', '各分店訂貨依經驗下單，促銷檔期熱銷品缺貨，全台 40 家分店的庫存無法即時掌握。']],
      });
      const cs = read(page, 'https://www.tiencloud.test/tw/case_detail_30.html');
      expect({ h1, customer: cs.customer, anonymized: cs.anonymized }).toEqual({ h1, customer: null, anonymized: true });
    }
  });

  it('reads a numbered 01 客戶簡介 as about the customer, and the customer in a title\'s 「」', () => {
    const page = pageContent({
      title: '「大潤盛量販」導入 AWS 需求預測與自動補貨案例｜成功案例｜聚信資訊',
      meta: { 'og:site_name': '聚信資訊' },
      blocks: [
        ['h3', '01 客戶簡介'],
        ['p', '大潤盛量販（官方網站：www.darunsheng.example）是以生鮮與民生用品為主的連鎖量販店，全台 38 家分店。'],
        ['h3', '02 挑戰'],
        ['p', '各分店訂貨由課長依經驗下單，檔期促銷時熱銷品缺貨、滯銷品堆滿倉庫。'],
        ['h3', '03 解決方案'],
        ['p', '聚信以 Amazon SageMaker 訓練需求預測模型，每天清晨產生各分店建議訂貨量。'],
        ['h3', '04 成效'],
        ['p', '生鮮品項報廢率由 6.3% 降至 3.9%。'],
      ],
    });
    const cs = read(page, 'https://www.juxin.test/zh-tw/cases/1043/');
    expect(cs.customer).toBe('大潤盛量販');
    expect(cs.customer).not.toMatch(/^01/);
    // No about-section, no label: the bracketed name in the title is the customer.
    const titled = pageContent({
      title: '「蝦拚購物」電商平台 AWS 架構升級案例 - 成功案例 - 天祥雲端',
      blocks: [['p', '蝦拚購物為國內綜合型電商，販售 3C、美妝與居家用品，商品數超過 35 萬項。']],
    });
    expect(read(titled, 'https://www.tiencloud.test/tw/case_detail_26.html').customer).toBe('蝦拚購物');
  });

  it('does not read the page title as a section heading ("…的需求預測" names the story, it states no problem)', () => {
    const page = pageContent({
      title: '晨曦烘焙：60 家門市的需求預測｜晨光雲端',
      lang: 'zh-TW',
      meta: { 'og:site_name': '晨光雲端' },
      blocks: [
        ['h1', '晨曦烘焙：60 家門市的需求預測'],
        ['p', '客戶：晨曦烘焙，全台 60 家門市'],
        ['h2', '專案背景'],
        ['p', '店長每天依經驗向中央工廠下單，雨天與連假常常估錯，報廢率長期偏高。'],
        ['h2', '我們的做法'],
        ['p', '晨光雲端以 Amazon SageMaker 建立門市別、品項別的隔日需求預測模型。'],
      ],
    });
    const cs = read(page, 'https://www.chenguang.test/cases/dawn.html');
    expect(cs.elements.problem.excerpt).toBe('專案背景: 店長每天依經驗向中央工廠下單，雨天與連假常常估錯，報廢率長期偏高。');
  });
});

describe('readCaseStudy: the customer website written as a bare domain where the customer is introduced', () => {
  it('takes a domain linked in the customer line even when it does not resemble a Chinese name', () => {
    const page = pageContent({
      title: '青禾生活藥局：會員推薦上雲｜晨光雲端',
      lang: 'zh-TW',
      meta: { 'og:site_name': '晨光雲端' },
      blocks: [
        ['h1', '青禾生活藥局：會員推薦上雲'],
        ['p', '客戶：青禾生活藥局（www.qhlife.com.tw） 產業：連鎖藥局，全台 85 家門市'],
        ['h2', '專案背景'],
        ['p', '會員資料分散在門市 POS 與官網，無法依購買紀錄推薦商品。'],
        ['h2', '解決方案'],
        ['p', '晨光雲端以 Amazon Personalize 建立推薦模型，並透過 Amazon API Gateway 提供給 APP。'],
      ],
      links: [
        { url: 'https://www.facebook.com/chenguangcloud', text: 'Facebook' },
        { url: 'https://www.qhlife.com.tw/', text: 'www.qhlife.com.tw' },
      ],
    });
    const cs = read(page, 'https://www.chenguang.test/cases/qinghe.html');
    expect(cs.customer).toBe('青禾生活藥局');
    expect(cs.customerWebsite).toBe('https://www.qhlife.com.tw/');
    expect(cs.elements.customerWebsite.excerpt).toContain('www.qhlife.com.tw');
  });

  it('takes a plain-text domain in "Customer: Name (domain)" and in an "About <customer>" section', () => {
    const labelled = pageContent({
      title: 'Counting stock by RFID | Northgate Cloud',
      meta: { 'og:site_name': 'Northgate Cloud' },
      blocks: [
        ['p', 'Customer: Hollins & Marsh Hardware (hmh.co.uk) · Industry: Retail'],
        ['p', 'RFID readers in 30 stores now publish counts to AWS IoT Core and Amazon DynamoDB.'],
      ],
    });
    expect(read(labelled, 'https://www.northgate.test/work/hmh/').customerWebsite).toBe('https://hmh.co.uk/');

    const about = pageContent({
      title: 'Coastline Grocers moves checkout to AWS',
      blocks: [
        ['h1', 'Coastline Grocers moves checkout to AWS'],
        ['p', 'Coastline Grocers replaced its checkout with services on AWS Lambda and Amazon Aurora, and Coastline Grocers’ stores stayed open throughout.'],
        ['h2', 'About Coastline Grocers'],
        ['p', 'Coastline Grocers runs 52 supermarkets on the east coast. Learn more at cgmarkets.com.au or follow us on linkedin.com/company/cgm.'],
      ],
    });
    expect(read(about, 'https://www.northgate.test/work/coastline/').customerWebsite).toBe('https://cgmarkets.com.au/');
  });

  it('takes no partner, shared-host, vendor, e-mail or product-name domain, nor an unrelated domain in the body', () => {
    const page = pageContent({
      title: 'Tidewater Books goes headless | Northgate Cloud',
      meta: { 'og:site_name': 'Northgate Cloud' },
      blocks: [
        ['p', 'Customer: Tidewater Books (see northgate.test/work, youtube.com/@northgate) · contact press@tidewater-media.example'],
        ['p', 'Tidewater Books moved its ASP.NET shop off shopify.com to a headless storefront, and Tidewater Books now ships in 48 hours.'],
        ['h2', 'The solution'],
        ['p', 'Search runs on Amazon OpenSearch Service, with reviews imported from reviewhub.example.'],
      ],
    });
    const cs = read(page, 'https://www.northgate.test/work/tidewater/');
    expect(cs.customer).toBe('Tidewater Books');
    expect(cs.customerWebsite).toBeNull();
  });
});

describe('readCaseStudy: delivery model, who operates the platform afterwards', () => {
  const story = (operations: string) =>
    pageContent({
      title: 'Harlow Garden Centres: one stock view | Northgate Cloud',
      meta: { 'og:site_name': 'Northgate Cloud' },
      blocks: [
        ['p', 'Harlow Garden Centres runs 26 garden centres. Harlow Garden Centres needed one view of plant stock across sites.'],
        ['h2', 'What we did'],
        ['p', 'Stock and till data land in Amazon S3 and Amazon Redshift; buyers see availability by site in Amazon QuickSight.'],
        ['p', operations],
      ],
    });
  const url = 'https://www.northgate.test/work/harlow/';

  it('reads the partner running the platform under a managed service as MSP', () => {
    for (const operations of [
      'Northgate Cloud runs the platform under a managed service with 24/7 support.',
      'Since launch we have run the platform for Harlow as part of our managed cloud service.',
      'Northgate Cloud continues to run the platform for Harlow on an ongoing basis.',
    ]) {
      const cs = read(story(operations), url);
      expect(cs.delivery, operations).toBe('msp');
    }
  });

  it('reads a time-boxed engagement handed over to the customer’s own team as a project', () => {
    for (const operations of [
      'The engagement ran for 16 weeks; the customer’s IT team now operates the platform.',
      'The work ran for 10 weeks, after which Harlow’s in-house team took over day-to-day running of the platform.',
      'We delivered the platform in 14 weeks and Harlow Garden Centres’ own IT team now runs it.',
    ]) {
      const cs = read(story(operations), url);
      expect(cs.delivery, operations).toBe('project');
    }
    // The partner's own team running it is no handover: the build, then the partner operating it, is MSP.
    const operated = read(story('The engagement ran for 16 weeks; since then Northgate’s platform team runs it under our managed cloud service with 24/7 monitoring.'), url);
    expect(operated.delivery).toBe('msp');
    expect(operated.deliverySignals.project.join(' ')).not.toMatch(/handover/);
  });

  it('reads delivery from how the partner delivered, not from the challenge or a time to an outcome', () => {
    const spec = {
      title: 'Harlow Garden Centres: a plant-care app | Northgate Cloud',
      meta: { 'og:site_name': 'Northgate Cloud' },
    };
    const page = pageContent({
      ...spec,
      blocks: [
        ['p', 'Customer: Harlow Garden Centres, 26 garden centres in the Midlands.'],
        ['h2', 'Challenge'],
        ['p', 'After an earlier website project that took nine months, Harlow wanted an app that reminds members when to feed and repot their plants.'],
        ['h2', 'Solution'],
        ['p', 'We built the app back end on AWS Lambda and Amazon DynamoDB, with Amazon Pinpoint sending care reminders.'],
        ['h2', 'Results'],
        ['li', '240,000 members in eight months.'],
        ['p', 'Northgate Cloud runs the platform under a managed service with 24/7 support.'],
      ],
    });
    const cs = read(page, 'https://www.northgate.test/work/harlow-app/');
    expect(cs.deliverySignals.project).toEqual([]);
    expect(cs.delivery).toBe('msp');
    // A time tied to the delivery still counts.
    const built = read(
      pageContent({ ...spec, blocks: [['p', 'Customer: Harlow Garden Centres.'], ['p', 'The new app went live in 12 weeks and Harlow’s own IT team now runs it.']] }),
      'https://www.northgate.test/work/harlow-app/',
    );
    expect(built.deliverySignals.project.join(' ')).toMatch(/fixed time.*live in 12 weeks/);
  });
});
