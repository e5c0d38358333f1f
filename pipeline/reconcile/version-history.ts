/**
 * Which versions of a toewijzing its one item keeps (DynamoDB allows 400 KB per item). A version is kept while it
 * can still become the one in effect: its file counts (withdrawn files never count again), and it is its file's
 * last version of that toewijzing (a file counts or is withdrawn as a whole, so an earlier line of the same file
 * never comes back). Versions of other files stay, as a withdrawal of a later file brings an earlier one back.
 */
import { type CommittedFiles, counts, laterVersion, type ToewijzingVersion } from '../state/items';

/**
 * At most this many versions per toewijzing: the latest by Toewijzingsdatum/-tijd (the order that decides which
 * one is in effect). An older one would only come back after the files of all 200 later ones were withdrawn. A
 * version is about 400 bytes, so the item stays far below DynamoDB's limit, however often a backoffice sends its
 * toewijzingen again.
 */
export const MAX_STORED_VERSIONS = 200;

const latest = (versions: readonly ToewijzingVersion[], files: CommittedFiles): ToewijzingVersion =>
  versions.reduce((best, v) => (laterVersion(v, best, files) ? v : best));

/**
 * The versions to store: `stored` (the item as read) without this file's earlier attempt and without versions
 * that no longer count, plus the last of `fromFile` (this file's versions, at least one). `files` includes this
 * file, as the record it is about to get.
 */
export function storedVersions(
  stored: readonly ToewijzingVersion[],
  fromFile: readonly ToewijzingVersion[],
  files: CommittedFiles,
  fileId: string,
): ToewijzingVersion[] {
  const others = stored.filter((v) => v.fileId !== fileId && counts(files, v.fileId, v.poging));
  const all = [...others, latest(fromFile, files)];
  if (all.length <= MAX_STORED_VERSIONS) return all;
  const latestFirst = [...all].sort((a, b) =>
    laterVersion(a, b, files) ? -1 : laterVersion(b, a, files) ? 1 : 0,
  );
  const keep = new Set(latestFirst.slice(0, MAX_STORED_VERSIONS));
  return all.filter((v) => keep.has(v));
}
