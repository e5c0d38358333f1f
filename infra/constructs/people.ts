/**
 * Sign-in for people (finance, policy, operators, each municipality's backoffice): a Cognito user pool without
 * self sign-up, TOTP MFA required, a strong password policy and threat protection (Plus feature plan), with one
 * group per role and one backoffice group per municipality. The API reads the groups from the token
 * (pipeline/api/router.ts: `mayRead`).
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';

/** The groups the API knows (pipeline/api/router.ts). */
export const ROLE_GROUPS = {
  beheer: 'Beheerders van de pipeline: alle gemeenten, bestanden en meldingen',
  financien: 'Regionale financiën: aggregaten, exports en verevening van alle gemeenten',
  beleid: 'Beleid en stuurgroep: de regionale monitor (kleine aantallen onderdrukt)',
} as const;

export const backofficeGroup = (gemeente: string) => `backoffice-${gemeente}`;

export interface PeopleProps {
  readonly gemeenten: readonly string[];
}

export class People extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
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
    // The monitor page (a public single-page app): SRP sign-in, no client secret, short-lived tokens.
    this.client = this.userPool.addClient('Monitor', {
      generateSecret: false,
      authFlows: { userSrp: true },
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
