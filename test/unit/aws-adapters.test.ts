/**
 * The small AWS adapters without a stand-in: the SSM key source after a failed read (an SDK fake forces the
 * failure), and the SNS subject within what Publish accepts.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Alert } from '../../pipeline/ports';
import { alertSubject } from '../../stores/sns-alerts';
import { SsmSecrets } from '../../stores/ssm-secrets';

describe('SsmSecrets', () => {
  it('reads the parameter again after a failed read, and once after a good one', async () => {
    let calls = 0;
    const client = {
      send: async () => {
        calls++;
        if (calls === 1) throw Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException' });
        return { Parameter: { Value: 'ab'.repeat(32) } };
      },
    } as unknown as SSMClient;
    const secrets = new SsmSecrets(client, '/bwmo/pseudoniem-sleutel');
    await expect(secrets.pseudonymKey()).rejects.toThrow('Rate exceeded');
    expect(await secrets.pseudonymKey()).toEqual(Buffer.alloc(32, 0xab));
    await secrets.pseudonymKey();
    expect(calls).toBe(2);
  });
});

describe('alertSubject', () => {
  const alert = (bestand: string): Alert => ({
    gemeente: '0983',
    bestand,
    fileId: 'f'.repeat(64),
    soort: 'declaratie',
    status: 'deels-geaccepteerd',
    regels: 1234,
    afgewezen: 12,
    afgewezenBedrag: 100,
    retourcodes: [],
    antwoord: null,
    rapport: 'outbox/0983/x.rapport.json',
  });

  it('says how many lines of which file were rejected', () => {
    expect(alertSubject(alert('declaratie-maart.xml'))).toBe(
      'bwmo: 12 van 1234 regels afgewezen in declaratie-maart.xml',
    );
  });

  it('stays under 100 characters for a long file name (SNS refuses 100)', () => {
    const subject = alertSubject(alert(`declaraties-${'stichting-beschermd-wonen-'.repeat(4)}.xml`));
    expect(subject).toHaveLength(99);
    expect(subject.startsWith('bwmo: 12 van 1234 regels afgewezen in declaraties-stichting')).toBe(true);
  });

  it('does not cut a character in two (an emoji across the 99th place), and replaces a lone surrogate', () => {
    const prefix = 'bwmo: 12 van 1234 regels afgewezen in ';
    const name = `${'x'.repeat(98 - prefix.length)}😀${'y'.repeat(20)}.xml`;
    const subject = alertSubject(alert(name));
    expect(subject).toBe(`${prefix}${'x'.repeat(98 - prefix.length)}`);
    expect(encodeURIComponent(alertSubject(alert('a\uD800b.xml')))).toContain('a%3Fb.xml');
  });

  it('replaces line breaks and control characters, keeps letters with accents', () => {
    expect(alertSubject(alert('Echt-Süsteren\r\nmaart\t.csv'))).toBe(
      'bwmo: 12 van 1234 regels afgewezen in Echt-Süsteren??maart?.csv',
    );
  });
});
