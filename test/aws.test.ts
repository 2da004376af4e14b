import { describe, expect, it } from 'vitest';
import { AWS_SERVICE_COUNT, detectAws } from '../analyzers/aws.ts';
import awsData from '../analyzers/lexicons/aws-services.json' with { type: 'json' };

describe('detectAws', () => {
  it('has a dictionary of at least 100 services, each found by its own name', () => {
    expect(AWS_SERVICE_COUNT).toBeGreaterThanOrEqual(100);
    const names = awsData.services.map((s) => s.name);
    expect(new Set(names).size).toBe(names.length);
    for (const name of names) {
      expect(detectAws(`The platform runs on ${name} in production.`).services, name).toEqual([name]);
    }
  });

  it('does not take ordinary words for services', () => {
    const text =
      'We connect shoppers with the brands they love. The weather forecast drives footfall. ' +
      'Some glue code links the old ERP, and lambda calculus is taught in the first year. ' +
      'Shield your margins; personalize every visit; config files live in git.';
    expect(detectAws(text)).toEqual({ services: [], mentionsAws: false, otherClouds: [] });
  });

  it('accepts ordinary-word names with an Amazon/AWS prefix or in an AWS sentence', () => {
    expect(detectAws('Calls are routed by Amazon Connect and data is prepared with AWS Glue.').services).toEqual([
      'Amazon Connect',
      'AWS Glue',
    ]);
    expect(detectAws('On AWS, Lambda functions write orders to DynamoDB.').services).toEqual(['AWS Lambda', 'Amazon DynamoDB']);
    // A capitalised word opening a sentence is not a service name, even next to "AWS".
    expect(detectAws('Connect with us on AWS Marketplace.').services).toEqual(['AWS Marketplace']);
    // Without AWS in the sentence, a capitalised "Lambda" is not AWS Lambda.
    expect(detectAws('Lambda calculus is elegant. Our Forecast team meets weekly.').services).toEqual([]);
    // A list of services after a label.
    expect(detectAws('Services used: Lambda, Glue, Athena, S3').services).toEqual([
      'AWS Lambda',
      'AWS Glue',
      'Amazon Athena',
      'Amazon S3',
    ]);
  });

  it('maps renamed services to today’s names', () => {
    const text =
      'Clickstream flows through Kinesis Data Firehose into Amazon Elasticsearch Service; ' +
      'AWS Server Migration Service moved the VMs and CloudWatch Events triggers the jobs.';
    expect(detectAws(text).services).toEqual([
      'Amazon Data Firehose',
      'Amazon OpenSearch Service',
      'AWS Application Migration Service',
      'Amazon EventBridge',
    ]);
  });

  it('takes a bare "Elasticsearch Service" for AWS only beside AWS: Elastic sells a hosted service of that name', () => {
    expect(detectAws('Dashboards read from a hosted Elasticsearch Service instance in Kibana.')).toEqual({ services: [], mentionsAws: false, otherClouds: [] });
    expect(detectAws('Logs land in Elasticsearch Service on AWS, next to the S3 archive.').services).toEqual(['Amazon OpenSearch Service', 'Amazon S3']);
    expect(detectAws('Search runs on AWS Elasticsearch Service.').services).toEqual(['Amazon OpenSearch Service']);
  });

  it('treats S3, EC2, RDS and EKS as safe, but not generic acronyms such as SNS or WAF alone', () => {
    expect(detectAws('Images sit in S3, the API on EC2 and EKS, orders in RDS.').services).toEqual([
      'Amazon S3',
      'Amazon EC2',
      'Amazon EKS',
      'Amazon RDS',
    ]);
    expect(detectAws('Our SNS campaigns and the WAF of the old data centre.').services).toEqual([]);
    expect(detectAws('s3 and ec2 in lower case are not names').services).toEqual([]);
  });

  it('reads AWS mentions in Chinese and other clouds', () => {
    const zh = detectAws('我們在亞馬遜雲端上使用 Amazon SageMaker 與 AWS Lambda，並從阿里雲遷移。');
    expect(zh).toEqual({ services: ['Amazon SageMaker', 'AWS Lambda'], mentionsAws: true, otherClouds: ['Alibaba Cloud'] });
    expect(detectAws('導入 AWS 雲端 架構').mentionsAws).toBe(true);
    const azure = detectAws('Built on Microsoft Azure with Azure Functions and Cosmos DB; analytics on Google Cloud (GCP).');
    expect(azure).toEqual({ services: [], mentionsAws: false, otherClouds: ['Microsoft Azure', 'Google Cloud'] });
    // "Amazon" alone is the retailer, not AWS.
    expect(detectAws('We sell on Amazon and Shopee.').mentionsAws).toBe(false);
  });
});
