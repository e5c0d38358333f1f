/**
 * Sign-in for people (finance, policy, operators, each municipality's backoffice): a Cognito user pool without
 * self sign-up, TOTP MFA required, a strong password policy and threat protection (Plus feature plan), with one
 * group per role and one backoffice group per municipality. The API reads the groups from the token
 * (pipeline/api/router.ts: `mayRead`).
 *
 * The monitor page signs people in through the Cognito hosted UI (OAuth 2.0 authorization code with PKCE) on a
 * Cognito domain `<prefix>.auth.<aws region>.amazoncognito.com`; its client only accepts the page's own address as
 * callback and sign-out URL.
 */
import { Aws, Duration, Fn, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { ConfigError, cognitoPrefixProblem } from '../config';

/** The groups the API knows (pipeline/api/router.ts). */
export const ROLE_GROUPS = {
  beheer: 'Beheerders van de pipeline: alle gemeenten, bestanden en meldingen',
  financien: 'Regionale financiën: aggregaten, exports en verevening van alle gemeenten',
  beleid: 'Beleid en stuurgroep: de regionale monitor (kleine aantallen onderdrukt)',
} as const;

export const backofficeGroup = (gemeente: string) => `backoffice-${gemeente}`;

/**
 * The default hosted-UI domain prefix: `bwmo-<region code>-<first 8 hex digits of the stack's UUID>`. Cognito
 * prefixes are shared by every AWS customer in a region, so a fixed name per region folder would collide with
 * anyone else deploying this project; the stack UUID (from `AWS::StackId`) is unique, stays the same for the life
 * of the stack and is known without an account at synth time. Override with context `cognitoDomainPrefix`.
 */
export function defaultDomainPrefix(regionCode: string): string {
  const code = regionCode
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  const literal = `bwmo-${code}-`;
  // Check the literal part with a stand-in for the 8 hex digits that only CloudFormation knows.
  const problem = cognitoPrefixProblem(`${literal}0000000a`);
  if (problem)
    throw new ConfigError(
      `regiocode ${regionCode} geeft geen geldig Cognito-domeinprefix (${problem}); geef -c cognitoDomainPrefix=...`,
    );
  // arn:aws:cloudformation:<region>:<account>:stack/<name>/<uuid> → the uuid's first group (8 hex digits).
  const stackUuid = Fn.select(2, Fn.split('/', Aws.STACK_ID));
  return `${literal}${Fn.select(0, Fn.split('-', stackUuid))}`;
}

/** The hosted UI's base URL for a Cognito domain prefix in this stack's region (no trailing slash). */
export const hostedUiUrl = (domainPrefix: string): string =>
  `https://${domainPrefix}.auth.${Aws.REGION}.amazoncognito.com`;

export interface PeopleProps {
  readonly gemeenten: readonly string[];
  /** Prefix of the Cognito hosted-UI domain (see defaultDomainPrefix). */
  readonly domainPrefix: string;
  /** The monitor page's address, `https://<distribution domain>/`: the only callback and sign-out URL. */
  readonly monitorUrl: string;
}

export class People extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  readonly domain: cognito.UserPoolDomain;
  /** `https://<prefix>.auth.<aws region>.amazoncognito.com`, the hosted UI (refers to the domain resource). */
  readonly hostedUiUrl: string;
  readonly groups: cognito.UserPoolGroup[] = [];

  constructor(scope: Construct, id: string, props: PeopleProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.PLUS,
      standardThreatProtectionMode: cognito.StandardThreatProtectionMode.FULL_FUNCTION,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    // The hosted UI (classic; the newer managed login would need a branding resource per client).
    this.domain = this.userPool.addDomain('HostedUi', {
      cognitoDomain: { domainPrefix: props.domainPrefix },
    });
    this.hostedUiUrl = this.domain.baseUrl();
    // The monitor page (a public single-page app in the browser): no client secret, so PKCE protects the code;
    // authorization code grant only (no implicit grant: tokens never travel in the URL), short-lived tokens.
    this.client = this.userPool.addClient('Monitor', {
      generateSecret: false,
      authFlows: { userSrp: true },
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [props.monitorUrl],
        logoutUrls: [props.monitorUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
      enableTokenRevocation: true,
    });
    const groups: [string, string][] = [
      ...Object.entries(ROLE_GROUPS),
      ...props.gemeenten.map((g): [string, string] => [
        backofficeGroup(g),
        `Wmo-backoffice van gemeente ${g}: alleen de eigen bestanden en antwoorden`,
      ]),
    ];
    for (const [groupName, description] of groups) {
      this.groups.push(
        new cognito.UserPoolGroup(this, `Group-${groupName}`, {
          userPool: this.userPool,
          groupName,
          description,
        }),
      );
    }
  }
}
