/**
 * The monitor page on AWS (infra/constructs/monitor-site.ts, infra/README.md "The monitor page on AWS"): a private bucket that only the
 * distribution reads (OAC), HTTPS and security headers, the deployment with a generated config.json, the Cognito
 * hosted-UI client (code grant only, the distribution as callback), CORS on the API for exactly that origin, and a
 * template without dependency cycles.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { App } from 'aws-cdk-lib';
import type { Template } from 'aws-cdk-lib/assertions';
import { ConfigError, readConfig } from '../../infra/config';
import { defaultDomainPrefix } from '../../infra/constructs/people';
import { flat, logicalIdAt, REPO_ROOT, resourcesOf, type Statement, synth } from './synth';

type Json = Record<string, unknown>;
interface Resource {
  readonly Type: string;
  readonly Properties: Json;
  readonly DependsOn?: string | string[];
}

let app: App;
let template: Template;
let resources: Record<string, Resource>;

beforeAll(() => {
  ({ app, template } = synth());
  resources = (template.toJSON() as { Resources: Record<string, Resource> }).Resources;
});

const id = (type: string, path: string) => logicalIdAt(template, type, `Bwmo-NML/${path}`);
const props = (logicalId: string) => resources[logicalId].Properties;
const distribution = () => id('AWS::CloudFront::Distribution', 'Monitor/Distribution/');
const siteBucket = () => id('AWS::S3::Bucket', 'Monitor/Bucket/');
/** `https://<distribution domain>` as the template writes it (flattened). */
const siteOrigin = () => `https://<${distribution()}.DomainName>`;

describe('site bucket', () => {
  test('private: all public access blocked, bucket owner enforced, SSE, TLS only, no website endpoint', () => {
    const p = props(siteBucket());
    expect(p.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(p.OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerEnforced' }] });
    expect(p.BucketEncryption).toEqual({
      ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
    });
    expect(p.WebsiteConfiguration).toBeUndefined();
    expect(p.LoggingConfiguration).toEqual({
      DestinationBucketName: { Ref: id('AWS::S3::Bucket', 'Storage/AccessLogs/') },
      LogFilePrefix: 'monitor-site/',
    });
  });

  test('the only Allow in its policy: s3:GetObject for cloudfront.amazonaws.com from this distribution', () => {
    const policy = resourcesOf(template, 'AWS::S3::BucketPolicy').find(
      ([, r]) => (r.Properties as { Bucket: { Ref: string } }).Bucket.Ref === siteBucket(),
    );
    if (!policy) throw new Error('the site bucket has no bucket policy');
    const statements = (policy[1].Properties as { PolicyDocument: { Statement: (Statement & Json)[] } })
      .PolicyDocument.Statement;
    const allows = statements.filter((s) => s.Effect === 'Allow');
    expect(allows).toHaveLength(1);
    const [oac] = allows;
    expect(oac.Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(oac.Action).toBe('s3:GetObject');
    expect(flat(oac.Resource)).toBe(`<${siteBucket()}.Arn>/*`);
    expect(flat(oac.Condition?.StringEquals?.['AWS:SourceArn'])).toBe(
      `arn:<AWS::Partition>:cloudfront::<AWS::AccountId>:distribution/<${distribution()}>`,
    );
    // Everything else denies: plain HTTP and TLS below 1.2.
    const denies = statements.filter((s) => s.Effect === 'Deny').map((s) => s.Condition);
    expect(denies).toEqual([
      { Bool: { 'aws:SecureTransport': 'false' } },
      { NumericLessThan: { 's3:TlsVersion': 1.2 } },
    ]);
  });
});

describe('distribution', () => {
  const config = () =>
    props(distribution()).DistributionConfig as {
      DefaultCacheBehavior: Json;
      Origins: Json[];
      Logging: Json;
      [key: string]: unknown;
    };

  test('HTTPS only (redirect), index.html, price class 100, GET/HEAD, reads the bucket through OAC', () => {
    const c = config();
    expect(c).toMatchObject({ DefaultRootObject: 'index.html', PriceClass: 'PriceClass_100', Enabled: true });
    expect(c.DefaultCacheBehavior).toMatchObject({
      ViewerProtocolPolicy: 'redirect-to-https',
      AllowedMethods: ['GET', 'HEAD'],
      Compress: true,
    });
    expect(c.Origins).toHaveLength(1);
    const [origin] = c.Origins;
    expect(flat(origin.DomainName)).toBe(`<${siteBucket()}.RegionalDomainName>`);
    expect(origin.OriginAccessControlId).toEqual({
      'Fn::GetAtt': [id('AWS::CloudFront::OriginAccessControl', 'Monitor/Distribution/'), 'Id'],
    });
    expect(origin.S3OriginConfig).toEqual({ OriginAccessIdentity: '' });
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: {
        OriginAccessControlOriginType: 's3',
        SigningBehavior: 'always',
        SigningProtocol: 'sigv4',
      },
    });
  });

  test('standard logs into its own log bucket (ACLs enabled, as CloudFront logging needs)', () => {
    const logs = id('AWS::S3::Bucket', 'Monitor/Logs/');
    expect(flat(config().Logging.Bucket)).toBe(`<${logs}.RegionalDomainName>`);
    expect(props(logs).OwnershipControls).toEqual({ Rules: [{ ObjectOwnership: 'BucketOwnerPreferred' }] });
    expect(props(logs).LoggingConfiguration).toMatchObject({ LogFilePrefix: 'monitor-cloudfront-logs/' });
  });

  test('security headers: strict CSP, HSTS, nosniff, frame DENY, no referrer', () => {
    const policyId = id('AWS::CloudFront::ResponseHeadersPolicy', 'Monitor/SecurityHeaders');
    expect(config().DefaultCacheBehavior.ResponseHeadersPolicyId).toEqual({ Ref: policyId });
    const headers = (props(policyId).ResponseHeadersPolicyConfig as { SecurityHeadersConfig: Json })
      .SecurityHeadersConfig as {
      ContentSecurityPolicy: { ContentSecurityPolicy: unknown; Override: boolean };
      StrictTransportSecurity: { AccessControlMaxAgeSec: number; IncludeSubdomains: boolean };
      [key: string]: unknown;
    };
    expect(headers.ContentTypeOptions).toEqual({ Override: true });
    expect(headers.FrameOptions).toEqual({ FrameOption: 'DENY', Override: true });
    expect(headers.ReferrerPolicy).toEqual({ ReferrerPolicy: 'no-referrer', Override: true });
    expect(headers.StrictTransportSecurity.AccessControlMaxAgeSec).toBeGreaterThanOrEqual(365 * 24 * 3600);
    expect(headers.StrictTransportSecurity.IncludeSubdomains).toBe(true);

    const csp = Object.fromEntries(
      flat(headers.ContentSecurityPolicy.ContentSecurityPolicy)
        .split(';')
        .map((d) => d.trim().split(/\s+/))
        .map(([name, ...values]) => [name, values]),
    ) as Record<string, string[]>;
    expect(headers.ContentSecurityPolicy.Override).toBe(true);
    for (const directive of ['default-src', 'script-src', 'style-src', 'font-src', 'form-action', 'base-uri'])
      expect(csp[directive]).toEqual(["'self'"]);
    expect(csp['img-src']).toEqual(["'self'", 'data:']);
    expect(csp['object-src']).toEqual(["'none'"]);
    expect(csp['frame-ancestors']).toEqual(["'none'"]);
    expect(csp['connect-src']).toEqual([
      "'self'",
      'https://*.execute-api.<AWS::Region>.<AWS::URLSuffix>',
      expect.stringMatching(/^https:\/\/bwmo-nml-.+\.auth\.<AWS::Region>\.amazoncognito\.com$/),
    ]);
    // No inline code anywhere.
    expect(Object.values(csp).flat().join(' ')).not.toMatch(/unsafe/);
  });
});

describe('deployment of the page', () => {
  const deployment = (name: string) => id('Custom::CDKBucketDeployment', `Monitor/${name}/`);
  const assetDir = (hash: string) => join(app.outdir, `asset.${hash.replace(/\.zip$/, '')}`);

  test('config.json names the API endpoint, the hosted UI, the client id and the distribution', () => {
    const p = props(deployment('Pages')) as {
      SourceObjectKeys: string[];
      SourceMarkers: Record<string, unknown>[];
    };
    const index = p.SourceObjectKeys.findIndex((key) => existsSync(join(assetDir(key), 'config.json')));
    expect(index).toBeGreaterThanOrEqual(0);
    // The staged config.json carries markers that the deployment replaces with the values below at deploy time.
    let text = readFileSync(join(assetDir(p.SourceObjectKeys[index]), 'config.json'), 'utf8');
    for (const [marker, value] of Object.entries(p.SourceMarkers[index]))
      text = text.split(marker).join(flat(value));
    const client = id('AWS::Cognito::UserPoolClient', 'People/UserPool/Monitor');
    const domain = id('AWS::Cognito::UserPoolDomain', 'People/UserPool/HostedUi');
    expect(JSON.parse(text)).toEqual({
      api: `<${id('AWS::ApiGatewayV2::Api', 'Http/Api/')}.ApiEndpoint>`,
      login: {
        domain: `https://<${domain}>.auth.<AWS::Region>.amazoncognito.com`,
        clientId: `<${client}>`,
        redirectUri: `${siteOrigin()}/`,
      },
    });
  });

  test('pages and config.json: no-cache, then a CloudFront invalidation; JS/CSS: 5 minutes', () => {
    const pages = props(deployment('Pages'));
    expect(pages).toMatchObject({
      Exclude: ['*'],
      Include: ['*.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'no-cache' },
      DistributionId: { Ref: distribution() },
      DistributionPaths: ['/*'],
      DestinationBucketName: { Ref: siteBucket() },
    });
    const assets = props(deployment('Assets'));
    expect(assets).toMatchObject({
      Exclude: ['*.html', 'config.json'],
      SystemMetadata: { 'cache-control': 'public, max-age=300' },
      DestinationBucketName: { Ref: siteBucket() },
    });
    // The pages (which load the JS) go up after the JS.
    expect([resources[deployment('Pages')].DependsOn].flat()).toContain(deployment('Assets'));
  });

  test('the uploaded folder is web/monitor without any local config.json', () => {
    const [files] = props(deployment('Assets')).SourceObjectKeys as string[];
    const staged = readdirSync(assetDir(files)).sort();
    const source = readdirSync(join(REPO_ROOT, 'web', 'monitor'))
      .filter((f) => f !== 'config.json')
      .sort();
    expect(staged).toEqual(source);
    expect(staged).toContain('index.html');
  });

  test("CDK's deployment function: own role and KMS log group, no managed policy", () => {
    const fn = resourcesOf(template, 'AWS::Lambda::Function').filter(([lid]) =>
      lid.startsWith('CustomCDKBucketDeployment'),
    );
    expect(fn).toHaveLength(1);
    const [, f] = fn[0];
    expect(f.Properties).toMatchObject({
      Role: { 'Fn::GetAtt': [id('AWS::IAM::Role', 'Monitor/DeployRole/'), 'Arn'] },
      LoggingConfig: { LogGroup: { Ref: id('AWS::Logs::LogGroup', 'Monitor/DeployLogs') } },
      MemorySize: 512,
    });
    expect(props(id('AWS::IAM::Role', 'Monitor/DeployRole/')).ManagedPolicyArns).toBeUndefined();
  });
});

describe('sign-in', () => {
  test('the monitor client: code grant only, public (no secret), the distribution as callback and sign-out URL', () => {
    const p = props(id('AWS::Cognito::UserPoolClient', 'People/UserPool/Monitor'));
    expect(p).toMatchObject({
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      GenerateSecret: false,
      SupportedIdentityProviders: ['COGNITO'],
    });
    expect([...(p.AllowedOAuthScopes as string[])].sort()).toEqual(['email', 'openid', 'profile']);
    expect((p.CallbackURLs as unknown[]).map(flat)).toEqual([`${siteOrigin()}/`]);
    expect((p.LogoutURLs as unknown[]).map(flat)).toEqual([`${siteOrigin()}/`]);
  });

  test('hosted-UI domain: bwmo-<region code>-<first 8 hex of the stack UUID> by default', () => {
    const p = props(id('AWS::Cognito::UserPoolDomain', 'People/UserPool/HostedUi'));
    expect(p.Domain).toEqual({
      'Fn::Join': [
        '',
        [
          'bwmo-nml-',
          {
            'Fn::Select': [
              0,
              { 'Fn::Split': ['-', { 'Fn::Select': [2, { 'Fn::Split': ['/', { Ref: 'AWS::StackId' }] }] }] },
            ],
          },
        ],
      ],
    });
    expect(p.UserPoolId).toEqual({ Ref: id('AWS::Cognito::UserPool', 'People/UserPool/') });
  });

  test('context cognitoDomainPrefix overrides the prefix (in the domain and in the CSP)', () => {
    const { template: t } = synth({ cognitoDomainPrefix: 'regio-nml-monitor' });
    t.hasResourceProperties('AWS::Cognito::UserPoolDomain', { Domain: 'regio-nml-monitor' });
    const [[, policy]] = resourcesOf(t, 'AWS::CloudFront::ResponseHeadersPolicy');
    expect(flat(policy.Properties)).toContain('https://regio-nml-monitor.auth.');
  });

  test.each([
    ['Regio', 'kleine letters'],
    ['-nml', 'kleine letters'],
    ['nml-', 'kleine letters'],
    ['a'.repeat(64), 'kleine letters'],
    ['my-aws-login', 'aws'],
    ['amazon-nml', 'amazon'],
    ['nml-cognito', 'cognito'],
  ])('an invalid cognitoDomainPrefix %s is refused', (prefix, reason) => {
    const ctx = {
      tryGetContext: (key: string): unknown => (key === 'cognitoDomainPrefix' ? prefix : undefined),
    };
    expect(() => readConfig(ctx, REPO_ROOT)).toThrow(ConfigError);
    expect(() => readConfig(ctx, REPO_ROOT)).toThrow(reason);
  });

  test('a region code that cannot form a default prefix asks for the override', () => {
    expect(() => defaultDomainPrefix('AWS')).toThrow(/cognitoDomainPrefix/);
    expect(() => defaultDomainPrefix('N.M.L')).not.toThrow();
  });
});

describe('the API for the page', () => {
  test('CORS admits exactly the distribution origin, GET/OPTIONS, the authorization header, no credentials', () => {
    const cors = props(id('AWS::ApiGatewayV2::Api', 'Http/Api/')).CorsConfiguration as {
      AllowOrigins: unknown[];
      [key: string]: unknown;
    };
    expect(cors.AllowOrigins.map(flat)).toEqual([siteOrigin()]);
    expect(cors).toMatchObject({
      AllowMethods: ['GET', 'OPTIONS'],
      AllowHeaders: ['authorization'],
      AllowCredentials: false,
    });
  });

  test('/api/{proxy+} keeps the JWT authorizer (audience: the monitor client); no OPTIONS route needs auth', () => {
    const authorizer = id('AWS::ApiGatewayV2::Authorizer', 'Http/Api/Cognito');
    expect(props(authorizer).JwtConfiguration).toMatchObject({
      Audience: [{ Ref: id('AWS::Cognito::UserPoolClient', 'People/UserPool/Monitor') }],
    });
    const routes = resourcesOf(template, 'AWS::ApiGatewayV2::Route').map(([, r]) => r.Properties as Json);
    expect(routes.find((r) => r.RouteKey === 'GET /api/{proxy+}')).toMatchObject({
      AuthorizationType: 'JWT',
      AuthorizerId: { Ref: authorizer },
    });
    // API Gateway answers the CORS preflight itself (CorsConfiguration), before routes and authorizers.
    expect(routes.filter((r) => String(r.RouteKey).startsWith('OPTIONS'))).toEqual([]);
  });
});

describe('no dependency cycle', () => {
  /** The resources a value refers to (Ref, Fn::GetAtt, Fn::Sub ${X}), excluding pseudo parameters. */
  function refs(value: unknown, out: Set<string>): Set<string> {
    if (Array.isArray(value)) for (const v of value) refs(v, out);
    else if (value && typeof value === 'object') {
      for (const [key, v] of Object.entries(value as Json)) {
        if (key === 'Ref' && typeof v === 'string') out.add(v);
        else if (key === 'Fn::GetAtt') out.add((v as string[])[0]);
        else if (key === 'Fn::Sub') {
          const text = Array.isArray(v) ? String(v[0]) : String(v);
          for (const m of text.matchAll(/\$\{([^}.!]+)[^}]*\}/g)) out.add(m[1]);
          refs(v, out);
        } else refs(v, out);
      }
    }
    return out;
  }

  const graph = () => {
    const edges = new Map<string, Set<string>>();
    for (const [lid, r] of Object.entries(resources)) {
      const deps = refs(r.Properties, new Set());
      for (const d of [r.DependsOn ?? []].flat()) deps.add(d);
      edges.set(lid, new Set([...deps].filter((d) => d in resources)));
    }
    return edges;
  };

  /** Everything a resource depends on, directly or not. */
  const closure = (edges: Map<string, Set<string>>, start: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(edges.get(start) ?? [])];
    while (stack.length > 0) {
      const next = stack.pop() as string;
      if (seen.has(next)) continue;
      seen.add(next);
      stack.push(...(edges.get(next) ?? []));
    }
    return seen;
  };

  test('the template is acyclic (CloudFormation would refuse a cycle at deploy time, synth does not)', () => {
    const edges = graph();
    const cyclic = [...edges.keys()].filter((lid) => closure(edges, lid).has(lid));
    expect(cyclic).toEqual([]);
  });

  test('order: bucket → distribution → client → API → page deployment', () => {
    const edges = graph();
    const client = id('AWS::Cognito::UserPoolClient', 'People/UserPool/Monitor');
    const api = id('AWS::ApiGatewayV2::Api', 'Http/Api/');
    const pages = id('Custom::CDKBucketDeployment', 'Monitor/Pages/');
    expect(closure(edges, distribution())).toContain(siteBucket());
    expect(closure(edges, client)).toContain(distribution());
    expect(closure(edges, api)).toContain(distribution());
    expect(closure(edges, id('AWS::ApiGatewayV2::Authorizer', 'Http/Api/Cognito'))).toContain(client);
    expect([...closure(edges, pages)]).toEqual(expect.arrayContaining([api, client, distribution()]));
    // …and never back: the distribution knows neither the API nor the client.
    expect(closure(edges, distribution())).not.toContain(api);
    expect(closure(edges, distribution())).not.toContain(client);
  });
});

test('outputs: the monitor URL and the hosted-UI domain', () => {
  const outputs = template.toJSON().Outputs as Record<string, { Value: unknown }>;
  expect(flat(outputs.MonitorUrl.Value)).toBe(`${siteOrigin()}/`);
  expect(flat(outputs.HostedUiDomain.Value)).toBe(
    `https://<${id('AWS::Cognito::UserPoolDomain', 'People/UserPool/HostedUi')}>.auth.<AWS::Region>.amazoncognito.com`,
  );
});
