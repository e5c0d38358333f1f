import { TR135 } from '../../../../../pipeline/rules/state/declaratie/TR135';
import { expectedAt, judgeMessage, messageContext } from '../../../../helpers/state-context';
import { describeMessageRule } from '../../../../helpers/state-rule-cases';

// The default message is dated 2023-05-06 (header Dagtekening in XML, DeclaratieDagtekening in both).
describeMessageRule(TR135, {
  title: 'the dagtekening is not after the receipt date',
  level: 'header',
  field: (flavour) => (flavour === 'xml' ? 'Dagtekening' : 'DeclaratieDagtekening'),
  compliant: [
    ['received two days later', { ontvangstdatum: '2023-05-08' }],
    ['received on the dagtekening', { ontvangstdatum: '2023-05-06' }],
  ],
  nonCompliant: [
    ['received the day before the dagtekening', { ontvangstdatum: '2023-05-05' }],
    ['received a year before', { ontvangstdatum: '2022-05-06' }],
  ],
});

describe('TR135 in a WMO323: the header Dagtekening is the message date', () => {
  it('a DeclaratieDagtekening after the receipt date with a header dated before it is TR134’s', () => {
    const c = messageContext('xml', {
      ontvangstdatum: '2023-05-07',
      overrides: { kop: { dagtekening: '2023-05-09' }, bericht: { dagtekening: '2023-05-06' } },
    });
    expect(judgeMessage(TR135, c)).toEqual([]);
  });

  it('a header Dagtekening after the receipt date names Header/BerichtIdentificatie/Dagtekening', () => {
    const c = messageContext('xml', {
      ontvangstdatum: '2023-05-07',
      overrides: { kop: { dagtekening: '2023-05-06' }, bericht: { dagtekening: '2023-05-08' } },
    });
    expect(judgeMessage(TR135, c)).toEqual(expectedAt('TR135', c, 'Dagtekening'));
    expect(judgeMessage(TR135, c)[0].location).toBe('Header/BerichtIdentificatie/Dagtekening');
  });
});

it('TR135 in a CSV names the DeclaratieDagtekening cell of the first row', () => {
  const c = messageContext('csv', { ontvangstdatum: '2023-05-05' });
  expect(judgeMessage(TR135, c)[0].location).toBe('regel 2, kolom DeclaratieDagtekening');
});
