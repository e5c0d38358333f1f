/**
 * The monitor page (`web/monitor/`, static HTML/JS/CSS) on AWS: a private S3 bucket behind a CloudFront
 * distribution that reads it through Origin Access Control (no public bucket, no website endpoint), HTTPS only,
 * strict security headers, and a `config.json` generated at deployment that tells the page where the API and the
 * Cognito hosted UI are.
 *
 * Construction is split in two because of the dependency order (infra/README.md, "CORS, and why there is no
 * dependency cycle"): the constructor creates the bucket and the distribution (the distribution's domain is then
 * known to the Cognito client and the API's CORS); `deploy()` uploads the files and config.json last, after the API
 * and the client exist. The page calls the API directly (CORS), not through CloudFront, so the distribution never
 * refers to the API.
 */
import { resolve } from 'node:path';
import { Aws, DefaultStackSynthesizer, Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as iam from 'aws-cdk-lib/aws-iam';
import type * as kms from 'aws-cdk-lib/aws-kms';
import type * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';
import { encryptedLogGroup, lambdaRole, REPO_ROOT } from './pipeline-function';

/** The page's folder in the repository. */
export const MONITOR_DIR = resolve(REPO_ROOT, 'web', 'monitor');

/** What the page reads from `./config.json` (web/monitor/api.js, login.js). */
export interface MonitorConfig {
  /** Base URL of the HTTP API, no trailing slash; the page calls `${api}/api/...`. */
  readonly api: string;
  readonly login: {
    /** `https://<prefix>.auth.<region>.amazoncognito.com` */
    readonly domain: string;
    readonly clientId: string;
    /** `https://<distribution domain>/`, registered as callback and sign-out URL of the client. */
    readonly redirectUri: string;
  };
}

export interface MonitorSiteProps {
  /** The stack's S3 server access-log bucket (SSE-S3, bucket policy for logging.s3.amazonaws.com). */
  readonly accessLogBucket: s3.IBucket;
  /** Key and retention of the deployment function's log group (as every other log group of the stack). */
  readonly key: kms.IKey;
  readonly logRetention: logs.RetentionDays;
  /**
   * The Cognito hosted UI's URL (`https://<prefix>.auth.<region>.amazoncognito.com`): the page fetches its tokens
   * there, so the Content-Security-Policy's connect-src names it.
   */
  readonly loginOrigin: string;
  /** The folder to publish (default web/monitor). */
  readonly sourceDir?: string;
}

export class MonitorSite extends Construct {
  readonly bucket: s3.Bucket;
  /** CloudFront standard logs (needs ACLs, so not the stack's access-log bucket, which enforces bucket ownership). */
  readonly logBucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  readonly headers: cloudfront.ResponseHeadersPolicy;
  /** `https://<distribution domain>` (no path): the origin the API admits with CORS. */
  readonly origin: string;
  /** `https://<distribution domain>/`: the page, and the OAuth callback and sign-out URL. */
  readonly url: string;
  /** The JS/CSS files (cached 5 minutes) and the HTML pages with config.json (no-cache); set by deploy(). */
  assets?: s3deploy.BucketDeployment;
  pages?: s3deploy.BucketDeployment;
  private readonly props: MonitorSiteProps;

  constructor(scope: Construct, id: string, props: MonitorSiteProps) {
    super(scope, id);
    this.props = props;

    this.bucket = new s3.Bucket(this, 'Bucket', {
      // SSE-S3: the files are the page's public code, not data; CloudFront's OAC reads SSE-S3 without a key policy.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      // Versioned so that an earlier page can be restored; old versions go after 30 days.
      versioned: true,
      lifecycleRules: [
        { id: 'noncurrent-versions-expire', noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'monitor-site/',
      // Retained like every bucket of the stack; its content is redeployable, so it may be emptied and deleted by hand.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.logBucket = new s3.Bucket(this, 'Logs', {
      // CloudFront standard logging writes with an ACL grant: ACLs must be enabled (bucket owner preferred).
      // SSE-S3, as CloudFront cannot deliver to a bucket encrypted with a customer key without a key-policy grant.
      encryption: s3.BucketEncryption.S3_MANAGED,
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_PREFERRED,
      enforceSSL: true,
      minimumTLSVersion: 1.2,
      versioned: true,
      lifecycleRules: [
        // The logs hold viewer IP addresses (personal data): one year, like a yearly audit needs.
        { id: 'logs-expire', expiration: Duration.days(365), noncurrentVersionExpiration: Duration.days(30) },
        { id: 'abort-multipart', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
      serverAccessLogsBucket: props.accessLogBucket,
      serverAccessLogsPrefix: 'monitor-cloudfront-logs/',
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'bwmo monitor: CSP, HSTS, nosniff, frame deny, no referrer',
      securityHeadersBehavior: {
        contentSecurityPolicy: {
          contentSecurityPolicy: contentSecurityPolicy(props.loginOrigin),
          override: true,
        },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(730),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
      customHeadersBehavior: {
        customHeaders: [
          {
            header: 'Permissions-Policy',
            value: 'camera=(), microphone=(), geolocation=(), payment=(), usb=()',
            override: true,
          },
          { header: 'Cross-Origin-Opener-Policy', value: 'same-origin', override: true },
        ],
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'bwmo: regionale monitor',
      defaultRootObject: 'index.html',
      // North America, Europe and Israel: the users are Dutch; the cheapest class covers them.
      priceClass: cloudfront.PriceClass.PRICE_CLASS_100,
      httpVersion: cloudfront.HttpVersion.HTTP2_AND_3,
      defaultBehavior: {
        // OAC: CloudFront signs its requests to S3; the bucket policy admits only this distribution.
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        allowedMethods: cloudfront.AllowedMethods.ALLOW_GET_HEAD,
        cachedMethods: cloudfront.CachedMethods.CACHE_GET_HEAD,
        // Honours the objects' Cache-Control (no-cache for the pages and config.json, 5 minutes for JS/CSS); the
        // query string (?code=… after sign-in) is neither part of the cache key nor sent to S3.
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
        responseHeadersPolicy: this.headers,
        compress: true,
      },
      enableLogging: true,
      logBucket: this.logBucket,
      logFilePrefix: 'cloudfront/',
    });

    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.url = `${this.origin}/`;
    this.acknowledgeDistribution();
  }

  /**
   * Publishes the page with its config.json. Call last: config.json names the API and the Cognito client, which
   * themselves name this distribution.
   */
  deploy(config: MonitorConfig): void {
    const dir = this.props.sourceDir ?? MONITOR_DIR;
    // A local config.json in the folder (from `bwmo serve`) must never reach S3: the generated one is the truth.
    const files = s3deploy.Source.asset(dir, { exclude: ['config.json'] });

    // CDK's deployment function (a singleton per stack): its own role, written to its own KMS log group only,
    // instead of the AWSLambdaBasicExecutionRole managed policy.
    const logGroup = encryptedLogGroup(this, 'DeployLogs', this.props.key, this.props.logRetention);
    const role = lambdaRole(
      this,
      'DeployRole',
      'bwmo monitor: CDK BucketDeployment (copies web/monitor and config.json to the site bucket)',
      logGroup,
    );
    const common = {
      destinationBucket: this.bucket,
      role,
      logGroup,
      // The AWS CLI in the function syncs faster with more memory (CPU scales with it).
      memoryLimit: 512,
    };

    // JS, CSS and everything else except the pages: the names carry no content hash, so only 5 minutes of caching.
    // `exclude` also keeps the pages' deployment's objects from being pruned by this one (and vice versa).
    this.assets = new s3deploy.BucketDeployment(this, 'Assets', {
      ...common,
      sources: [files],
      exclude: ['*.html', 'config.json'],
      cacheControl: [s3deploy.CacheControl.setPublic(), s3deploy.CacheControl.maxAge(Duration.minutes(5))],
    });
    // The HTML pages and config.json: always revalidated, so a deployment (or a new API address) shows at once.
    this.pages = new s3deploy.BucketDeployment(this, 'Pages', {
      ...common,
      sources: [files, s3deploy.Source.jsonData('config.json', config)],
      exclude: ['*'],
      include: ['*.html', 'config.json'],
      cacheControl: [s3deploy.CacheControl.noCache()],
      // After the new JS/CSS is in place: empty CloudFront's caches once for both deployments.
      distribution: this.distribution,
      distributionPaths: ['/*'],
    });
    this.pages.node.addDependency(this.assets);
    this.acknowledgeDeployment(role);
  }

  private acknowledgeDistribution(): void {
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR1',
      'No geo restriction: the users are staff of Dutch municipalities, but they also work from abroad, on travel or behind a corporate VPN that exits elsewhere; every request to data is authenticated by Cognito (MFA) at the API, and the distribution serves only the static page.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR2',
      'No AWS WAF web ACL: a WAF for CloudFront must be created in us-east-1, which this single-region, environment-agnostic stack cannot do; the distribution serves only static files (GET/HEAD), data comes from the API behind a Cognito JWT authorizer with stage throttling. Attach a us-east-1 web ACL by hand or from a separate stack if required.',
    );
    acknowledge(
      this.distribution,
      'AwsSolutions-CFR4',
      'Uses the default *.cloudfront.net certificate, for which CloudFront always allows TLSv1 (the security policy applies only to a custom certificate); a custom domain with an ACM certificate in us-east-1 (outside this stack) would allow TLSv1.2_2021. The HSTS header keeps browsers on HTTPS.',
    );
  }

  private acknowledgeDeployment(role: iam.Role): void {
    const stack = Stack.of(this);
    const byCdk = (what: string) =>
      `Granted by CDK's BucketDeployment (aws s3 sync of web/monitor and config.json) to ${what}; no narrower grant is possible without replacing CDK's handler.`;
    for (const [action, why] of [
      [
        's3:GetObject*',
        'read the source zips in the CDK assets bucket and compare objects in the site bucket',
      ],
      ['s3:GetBucket*', 'read the location of the CDK assets bucket and the site bucket'],
      ['s3:List*', 'list the source and the site bucket while syncing'],
      ['s3:DeleteObject*', 'prune files that left web/monitor, in the site bucket only'],
      ['s3:Abort*', 'abort its own multipart uploads, in the site bucket only'],
    ] as const) {
      acknowledge(role, `AwsSolutions-IAM5[Action::${action}]`, byCdk(why));
    }
    const qualifier = stack.synthesizer.bootstrapQualifier ?? DefaultStackSynthesizer.DEFAULT_QUALIFIER;
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-${qualifier}-assets-<AWS::AccountId>-<AWS::Region>/*]`,
      byCdk(
        'read the zipped page and config.json from the CDK bootstrap assets bucket, named by content hash',
      ),
    );
    acknowledge(
      role,
      `AwsSolutions-IAM5[Resource::<${stack.getLogicalId(this.bucket.node.defaultChild as s3.CfnBucket)}.Arn>/*]`,
      byCdk('write every object of the site bucket, which holds nothing but the page'),
    );
    acknowledge(
      role,
      'AwsSolutions-IAM5[Resource::*]',
      byCdk(
        'create and poll the CloudFront invalidation after an upload (cloudfront:CreateInvalidation, GetInvalidation)',
      ),
    );
    // The deployment's Lambda function is a singleton at stack level (one per stack, shared by both deployments).
    for (const child of stack.node.children) {
      if (!child.node.id.startsWith('Custom::CDKBucketDeployment')) continue;
      acknowledge(
        child,
        'AwsSolutions-L1',
        "The Python runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib (not configurable); it moves with aws-cdk-lib updates and runs only during deployments.",
      );
      acknowledge(
        child,
        'Serverless-LambdaLatestVersion',
        "The Python runtime of CDK's BucketDeployment handler is chosen by aws-cdk-lib (not configurable); it moves with aws-cdk-lib updates and runs only during deployments.",
      );
      acknowledge(
        child,
        'Serverless-LambdaDLQ',
        'Invoked synchronously by CloudFormation as a custom resource provider: a failure fails (and rolls back) the deployment, there is no asynchronous event to keep.',
      );
    }
  }
}

/**
 * The page's Content-Security-Policy: everything from its own origin only (no inline script or style, no eval),
 * `data:` images for the inline favicon; fetch() may reach the API and the Cognito token endpoint. The API origin is
 * given as the region's execute-api wildcard, because naming the API here would be a dependency cycle: the API's
 * CORS names this distribution (infra/README.md, "CORS, and why there is no dependency cycle").
 */
export function contentSecurityPolicy(loginOrigin: string): string {
  const api = `https://*.execute-api.${Aws.REGION}.${Aws.URL_SUFFIX}`;
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    "font-src 'self'",
    `connect-src 'self' ${api} ${loginOrigin}`,
    "form-action 'self'",
    "base-uri 'self'",
    "object-src 'none'",
    "frame-ancestors 'none'",
    'upgrade-insecure-requests',
  ].join('; ');
}
