/**
 * Deep nesting below an element the schema does not allow. No iWmo message is deeper than about ten levels; saxes
 * spends time on every open element at each new one (so time grew with the square of the depth: 70,000 levels,
 * 500 kB, took a minute), and the paths of findings are built up the open elements (30,000 levels with an attribute
 * at the bottom overflowed the stack: no report at all). The reader stops at 32 levels with a level-1 finding.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checkFile } from '../../pipeline/check';
import { bufferSource } from '../../pipeline/source';
import { IWMO_VOORBEELDEN } from '../helpers/reference';

const example = readFileSync(join(IWMO_VOORBEELDEN, 'WMO323.xml'), 'utf8');

it.each([
  ['30,000 levels with an attribute at the bottom', 30_000, '<y b="1"/>'],
  ['20,000 levels', 20_000, ''],
])('%s: quarantined with a finding that says why', async (_, n, bottom) => {
  const xml = example.replace(
    '<wmo323:Header>',
    `<wmo323:Header><zz>${'<x>'.repeat(n)}${bottom}${'</x>'.repeat(n)}</zz>`,
  );
  const checked = await checkFile(bufferSource('diep.xml', Buffer.from(xml, 'utf8')));
  expect(checked.unreadable).toBe(true);
  expect(checked.findings).toContainEqual(
    expect.objectContaining({
      rule: 'XSD',
      message: expect.stringContaining('dieper genest dan 32 niveaus'),
    }),
  );
});

it.each([
  [
    'deep nesting',
    example.replace(
      '<wmo323:Header>',
      `<wmo323:Header><zz>${'<x>'.repeat(50_000)}${'</x>'.repeat(50_000)}</zz>`,
    ),
  ],
  [
    'malformed XML early in a long file',
    `${example.replace('<wmo323:Header>', '<wmo323:Header><<')}${' '.repeat(300_000)}`,
  ],
])('%s: the file id and size are those of the whole file, though reading stopped early', async (_, xml) => {
  const bytes = Buffer.from(xml, 'utf8');
  const checked = await checkFile(bufferSource('x.xml', bytes));
  expect(checked.unreadable).toBe(true);
  expect(checked.facts).toMatchObject({
    sha256: createHash('sha256').update(bytes).digest('hex'),
    size: bytes.length,
  });
});

it('a message at the deepest an iWmo message goes is read as before', async () => {
  const checked = await checkFile(bufferSource('WMO323.xml', Buffer.from(example, 'utf8')));
  expect({ unreadable: checked.unreadable, findings: checked.findings }).toEqual({
    unreadable: false,
    findings: [],
  });
});
