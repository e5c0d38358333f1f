/**
 * The role of the region's operators (beheer) for the corrections they make in the bucket: a withdrawal request put
 * under withdrawals/<g>/ and its outcome read under outbox/<g>/intrekkingen/ (infra/README.md, Operating). Nothing
 * else: reading answers, originals or the table is not needed for it. Assumed by the same principal as the
 * municipalities' roles, with the external id `<prefix>beheer`.
 */
import { CfnOutput, Duration } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledge, arnToken } from '../nag';
import { PREFIXES, type Storage } from './storage';
import { keyViaS3 } from './uploaders';

export interface OperatorsProps {
  readonly storage: Storage;
  readonly principal: iam.IPrincipal;
  readonly externalIdPrefix: string;
}

/**
 * The outcomes of withdrawal requests (pipeline/withdraw-request.ts withdrawalOutcomeKey), by their suffix: a
 * municipality may upload into a folder of its own named intrekkingen/, and its answers there hold BSNs.
 */
const OUTCOMES = `${PREFIXES.outbox}*/intrekkingen/*.uitkomst.json`;

export class Operators extends Construct {
  readonly role: iam.Role;

  constructor(scope: Construct, id: string, props: OperatorsProps) {
    super(scope, id);
    const { storage } = props;
    this.role = new iam.Role(this, 'Beheer', {
      assumedBy: props.principal,
      externalIds: [`${props.externalIdPrefix}beheer`],
      description:
        'bwmo: beheer (zet intrekkingsverzoeken in withdrawals/, leest de uitkomst in outbox/<g>/intrekkingen/)',
      maxSessionDuration: Duration.hours(1),
      inlinePolicies: {
        s3: new iam.PolicyDocument({
          statements: [
            new iam.PolicyStatement({
              sid: 'PutWithdrawalRequests',
              actions: ['s3:PutObject'],
              resources: [storage.objects(PREFIXES.withdrawals)],
            }),
            new iam.PolicyStatement({
              sid: 'ReadWithdrawalOutcomes',
              actions: ['s3:GetObject'],
              resources: [`${storage.bucket.bucketArn}/${OUTCOMES}`],
            }),
            keyViaS3(storage),
          ],
        }),
      },
    });
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/withdrawals/*]`,
      "Put withdrawal requests under withdrawals/<g>/ for any municipality of the region: correcting files is the regional operators' task.",
    );
    acknowledge(
      this.role,
      `AwsSolutions-IAM5[Resource::${arnToken(storage.bucket)}/${OUTCOMES}]`,
      "Get the outcomes of withdrawal requests, and nothing else of the municipalities' outboxes.",
    );
    new CfnOutput(this, 'RoleArn', {
      value: this.role.roleArn,
      description: `Rol voor beheer: intrekkingsverzoeken (external id ${props.externalIdPrefix}beheer)`,
    });
  }
}
