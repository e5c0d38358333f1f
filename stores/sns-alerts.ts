/** Rejection alerts on SNS, with message attribute `gemeente` so each municipality subscribes to its own. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert, AlertSink } from '../pipeline/ports';

export class SnsAlertSink implements AlertSink {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(alert: Alert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: `bwmo: ${alert.afgewezen} van ${alert.regels} regels afgewezen in ${alert.bestand}`.slice(
          0,
          100,
        ),
        Message: JSON.stringify(alert),
        MessageAttributes: {
          gemeente: { DataType: 'String', StringValue: alert.gemeente },
          fileId: { DataType: 'String', StringValue: alert.fileId },
        },
      }),
    );
  }
}
