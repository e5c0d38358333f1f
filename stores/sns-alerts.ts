/** Rejection alerts on SNS, with message attribute `gemeente` so each municipality subscribes to its own. */
import { PublishCommand, type SNSClient } from '@aws-sdk/client-sns';
import type { Alert, AlertSink } from '../pipeline/ports';
import { LONE_SURROGATE } from '../pipeline/text';

/**
 * SNS takes a Subject of fewer than 100 characters, without line breaks or control characters (else Publish fails
 * and the alert is never sent): a long file name is cut, control characters in it replaced.
 */
export function alertSubject(alert: Alert): string {
  const subject = `bwmo: ${alert.afgewezen} van ${alert.regels} regels afgewezen in ${alert.bestand}`;
  const clean = subject
    // biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what SNS refuses
    .replace(/[\u0000-\u001f\u007f-\u009f]/g, '?')
    // The SDK refuses to send a lone surrogate.
    .replace(new RegExp(LONE_SURROGATE, 'g'), '?');
  const cut = clean.slice(0, 99);
  // Not half a character: an emoji across the cut goes as a whole.
  return /[\uD800-\uDBFF]$/.test(cut) ? cut.slice(0, -1) : cut;
}

export class SnsAlertSink implements AlertSink {
  constructor(
    private readonly client: SNSClient,
    private readonly topicArn: string,
  ) {}

  async send(alert: Alert): Promise<void> {
    await this.client.send(
      new PublishCommand({
        TopicArn: this.topicArn,
        Subject: alertSubject(alert),
        Message: JSON.stringify(alert),
        MessageAttributes: {
          gemeente: { DataType: 'String', StringValue: alert.gemeente },
          fileId: { DataType: 'String', StringValue: alert.fileId },
        },
      }),
    );
  }
}
