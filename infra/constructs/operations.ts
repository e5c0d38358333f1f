/**
 * What operators see: the alarm topic (optionally mailed), dead-letter queues that alarm as soon as anything lands
 * in them, and a helper to hang an alarm on that topic.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import type * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import { acknowledge } from '../nag';

export interface OperationsProps {
  readonly key: kms.IKey;
  readonly opsEmail?: string;
}

export interface DeadLetterQueueOptions {
  readonly fifo?: boolean;
  /** What ends up in it, for the alarm description. */
  readonly holds: string;
  /**
   * Why this queue has no dead-letter queue of its own (AwsSolutions-SQS3), for a queue cdk-nag does not recognise
   * as a dead-letter queue (it recognises redrive targets of queues and Lambda function DLQs, not the on-failure
   * destinations of event source mappings).
   */
  readonly notARedriveTarget?: string;
}

export class Operations extends Construct {
  readonly topic: sns.Topic;
  private readonly key: kms.IKey;

  constructor(scope: Construct, id: string, props: OperationsProps) {
    super(scope, id);
    this.key = props.key;
    this.topic = new sns.Topic(this, 'Alarms', {
      displayName: 'bwmo: alarmen voor beheer',
      masterKey: props.key,
      enforceSSL: true,
    });
    if (props.opsEmail) this.emailSubscription(this.topic, 'AlarmMail', props.opsEmail);
  }

  /**
   * An e-mail subscriber with its own dead-letter queue for notifications SNS could not deliver (and an alarm on
   * it), optionally filtered on the message attribute `gemeente`.
   */
  emailSubscription(topic: sns.ITopic, id: string, email: string, gemeenten: readonly string[] = []): void {
    const deadLetterQueue = this.deadLetterQueue(this, `${id}Dlq`, {
      holds: `e-mailmeldingen van ${id} die SNS niet kon afleveren`,
      notARedriveTarget:
        'Dead-letter queue of an SNS e-mail subscription (its RedrivePolicy); cdk-nag recognises only queue and Lambda dead-letter queues.',
    });
    topic.addSubscription(
      new subscriptions.EmailSubscription(email, {
        deadLetterQueue,
        filterPolicy:
          gemeenten.length > 0
            ? { gemeente: sns.SubscriptionFilter.stringFilter({ allowlist: [...gemeenten] }) }
            : undefined,
      }),
    );
  }

  /**
   * An alarm that notifies the operators' topic as soon as one period of the metric is above the threshold (no
   * data counts as fine).
   */
  alarmAbove(
    id: string,
    alarmDescription: string,
    metric: cloudwatch.IMetric,
    threshold = 0,
  ): cloudwatch.Alarm {
    const alarm = new cloudwatch.Alarm(this, id, {
      alarmDescription,
      metric,
      threshold,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
    });
    alarm.addAlarmAction(new actions.SnsAction(this.topic));
    return alarm;
  }

  /** An encrypted dead-letter queue (14 days) with an alarm as soon as one message is visible in it. */
  deadLetterQueue(scope: Construct, id: string, options: DeadLetterQueueOptions): sqs.Queue {
    const queue = new sqs.Queue(scope, id, {
      fifo: options.fifo,
      encryption: sqs.QueueEncryption.KMS,
      encryptionMasterKey: this.key,
      dataKeyReuse: Duration.hours(1),
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
      removalPolicy: RemovalPolicy.RETAIN,
    });
    if (options.notARedriveTarget) acknowledge(queue, 'AwsSolutions-SQS3', options.notARedriveTarget);
    acknowledge(
      queue,
      'Serverless-SQSRedrivePolicy',
      'This queue is itself a dead-letter queue (end of the line, alarmed at one message); a redrive policy of its own would only move failures further out of sight.',
    );
    this.alarmAbove(
      `${id}NotEmpty`,
      `Er staat iets in ${id}: ${options.holds}. Zie infra/README.md "Operating".`,
      queue.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(1), statistic: 'Maximum' }),
    );
    return queue;
  }
}
