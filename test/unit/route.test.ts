/** Which S3 events the router passes on, and to which municipality's FIFO group. */
import type { S3Event } from 'aws-lambda';
import { queueBody } from '../../functions/router';
import { parseWithdrawalKey, routeS3Event } from '../../pipeline/route';

const event = (key: string, eventName = 'ObjectCreated:Put'): S3Event =>
  ({
    Records: [
      {
        eventName,
        eventTime: '2022-04-08T09:00:00.000Z',
        s3: { bucket: { name: 'raw' }, object: { key, eTag: 'e', size: 10, sequencer: '01' } },
      },
    ],
  }) as unknown as S3Event;

describe('routeS3Event', () => {
  it.each([
    ['inbox/0983/declaratie.csv', 'inbox/0983/declaratie.csv', '0983'],
    ['inbox/0988/map/bestand.xml', 'inbox/0988/map/bestand.xml', '0988'],
    ['inbox/0983/maart+%28v2%29.csv', 'inbox/0983/maart (v2).csv', '0983'],
    ['withdrawals/0983/verzoek.json', 'withdrawals/0983/verzoek.json', '0983'],
    ['withdrawals/1507/intrekken+D2.json', 'withdrawals/1507/intrekken D2.json', '1507'],
  ])('passes on %s as %s in group %s', (encoded, key, gemeente) => {
    expect(routeS3Event(event(encoded))).toEqual([
      expect.objectContaining({ bucket: 'raw', key, gemeente, eTag: 'e', sequencer: '01' }),
    ]);
  });

  it.each([
    'outbox/0983/intrekkingen/verzoek.json',
    'archive/0983/declaratie.csv',
    'inbox/983/declaratie.csv',
    'inbox/0983/',
    'withdrawals/0983/map/verzoek.json',
    'withdrawals/verzoek.json',
    'upload/0983/declaratie.csv',
  ])('ignores %s', (key) => {
    expect(routeS3Event(event(key))).toEqual([]);
  });

  it('routes a name with an empty part, which ingest answers (NAAM-ONGELDIG) without reading it', () => {
    expect(routeS3Event(event('inbox/0983//dubbel.csv'))).toEqual([
      expect.objectContaining({ key: 'inbox/0983//dubbel.csv', gemeente: '0983' }),
    ]);
  });

  it('ignores events other than ObjectCreated', () => {
    expect(routeS3Event(event('withdrawals/0983/verzoek.json', 'ObjectRemoved:Delete'))).toEqual([]);
  });

  it('routes exactly the withdrawal keys that the ingest handler takes for a request', () => {
    for (const key of ['withdrawals/0983/a.json', 'withdrawals/0983/..', 'withdrawals/0983/x/y.json'])
      expect(routeS3Event(event(key)).length > 0).toBe(parseWithdrawalKey(key) !== null);
  });
});

describe('queueBody', () => {
  // SendMessage's MessageBody: #x9 | #xA | #xD | #x20–#xD7FF | #xE000–#xFFFD | #x10000–#x10FFFF.
  const sqsAccepts = (body: string) =>
    [...body].every((ch) => {
      const c = ch.codePointAt(0)!;
      return (
        c === 0x9 ||
        c === 0xa ||
        c === 0xd ||
        (c >= 0x20 && c <= 0xd7ff) ||
        (c >= 0xe000 && c <= 0xfffd) ||
        c >= 0x10000
      );
    });

  it.each([
    'inbox/0988/declaratie%EF%BF%BF.csv',
    'inbox/0988/a%EF%BF%BEb%EF%BF%BF.csv',
    'inbox/0983/%F0%9F%98%80%E2%82%AC.csv',
  ])('%s: a body SQS takes, giving the key back as it was', (encoded) => {
    const [message] = routeS3Event(event(encoded));
    const body = queueBody(message);
    expect(sqsAccepts(body)).toBe(true);
    expect(JSON.parse(body)).toEqual(message);
  });
});
