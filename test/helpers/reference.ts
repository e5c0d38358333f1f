/**
 * Where the iWmo 3.2 reference (official XSDs and example messages, test data only, never copied into the
 * repository) is: $BWMO_REFERENCE, else `../shared/reference` beside the checkout, else `/work/shared/reference`.
 * Tests that need it fail with this message when none exists, rather than pass without it.
 */
import { existsSync } from 'node:fs';
import { join, resolve } from 'node:path';

const CANDIDATES = [
  process.env.BWMO_REFERENCE,
  resolve(__dirname, '../../../shared/reference'),
  '/work/shared/reference',
].filter((dir): dir is string => Boolean(dir));

function referenceDir(): string {
  const found = CANDIDATES.find((dir) => existsSync(join(dir, 'iwmo-3.2', 'xsd')));
  if (!found)
    throw new Error(`the iWmo 3.2 reference was not found in ${CANDIDATES.join(', ')}; set BWMO_REFERENCE`);
  return found;
}

export const IWMO_REFERENCE = join(referenceDir(), 'iwmo-3.2');
export const IWMO_XSD = join(IWMO_REFERENCE, 'xsd');
export const IWMO_VOORBEELDEN = join(IWMO_REFERENCE, 'voorbeelden');
