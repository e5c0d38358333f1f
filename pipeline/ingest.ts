/**
 * The whole pipeline for one uploaded file (DESIGN §2, §5): identify it (SHA-256), check levels 1–2 (pass 1),
 * check isolation, judge it against state (pass 2; the ReferentieNummers it takes are written per chunk), write its
 * report and answer internally, write the rest of its items, write the file record (the commit), then publish:
 * answer and report to the outbox (or the file to quarantine), the original to the archive, one alert, and the inbox
 * object removed. Every step before the commit can be repeated;
 * every step after it is idempotent. One municipality's files are processed one at a time.
 */
import { createHash } from 'node:crypto';
import { version } from '../package.json';
import { retourcodeText } from '../schemas/iwmo/codelists';
import type { FileStatus, Finding, Report } from '../schemas/report';
import { renderCsvAnswer } from './answer/csv';
import { type AnswerHeader, renderWmo325 } from './answer/wmo325';
import { alertWithoutBsns, isKeptNameOf, redactBsns } from './bsn';
import { type CheckedFile, checkFile, checkReportHead } from './check';
import { dutchDate } from './dates';
import {
  type AlertSink,
  type BlobStore,
  type BlobVersion,
  type Item,
  type ItemStore,
  MAX_KEY_BYTES,
  ReplacedError,
  type SecretSource,
} from './ports';
import { keptNameOf, pseudonymiser } from './pseudonym';
import { FindingCollector } from './read/collector';
import { readDeclaraties } from './read/declaraties';
import { decodeText, encodedAs } from './read/decode';
import { finding } from './read/findings';
import { type FileFacts, sniff } from './read/sniff';
import { readTaakgericht } from './read/taakgericht';
import { readToewijzingen } from './read/toewijzingen';
import { judgeAsSentBefore, reconcileDeclaraties } from './reconcile/declaraties';
import { reconcileTaakgericht } from './reconcile/taakgericht';
import { reconcileToewijzingen, regionCentres } from './reconcile/toewijzingen';
import type { RegionData } from './region/load';
import { referenceData } from './region/reference';
import { emptyReport, type ReportHead, renderReport } from './report/render';
import type { FileSource } from './source';
import { attemptOf, type FileRecord, key } from './state/items';
import { committedFiles, loadFiles, StateReader } from './state/reader';

export interface IngestDeps {
  readonly store: ItemStore;
  readonly blobs: BlobStore;
  readonly secrets: SecretSource;
  readonly alerts: AlertSink;
  readonly region: RegionData;
  /**
   * 'inline' (default): the alert goes out in the publish step. 'deferred': the commit record itself triggers it
   * (on AWS the table's stream invokes the notify function), so ingest does not send it.
   */
  readonly alertMode?: 'inline' | 'deferred';
}

export interface IngestResult {
  readonly report: Report;
  /** The inbox object was gone: an earlier delivery finished it. */
  readonly alreadyDone?: boolean;
}

/**
 * inbox/<gemeente>/<name> → its parts; throws for any other key, also for a name with a `.` or `..` segment: a
 * local folder (and s3rver) would resolve it, and the outputs would land in another municipality's folders.
 */
export function parseInboxKey(inboxKey: string): { gemeente: string; name: string } {
  const parts = inboxKeyParts(inboxKey);
  if (unsafeName(parts.name))
    throw new Error(`${inboxKey}: een naam met . of .. als deel (of een lege map) is niet toegestaan`);
  return parts;
}

function inboxKeyParts(inboxKey: string): { gemeente: string; name: string } {
  const m = /^inbox\/([0-9]{4})\/(.+)$/.exec(inboxKey);
  if (!m) throw new Error(`${inboxKey} ligt niet in inbox/<gemeentecode>/`);
  return { gemeente: m[1], name: m[2] };
}

const UNSAFE_SEGMENT = (s: string) => s === '.' || s === '..' || s === '';
const unsafeName = (name: string) => name.split('/').some(UNSAFE_SEGMENT);

/**
 * An upload whose name has an empty, `.` or `..` part (S3 allows `inbox/0983/a//b.csv`; a local folder would resolve
 * it elsewhere): not read, moved or removed, but answered, so that it neither holds up the municipality's queue nor
 * goes unanswered. The report goes where the backoffice reads, under a name made safe.
 */
async function refuseUnsafeName(
  blobs: BlobStore,
  inboxKey: string,
  gemeente: string,
  name: string,
): Promise<IngestResult> {
  // Made safe ('' . and .. all become _), told apart from other such names by a code of the key as sent, and
  // short enough for S3.
  const readable = redactBsns(
    name
      .split('/')
      .map((s) => (UNSAFE_SEGMENT(s) ? '_' : s))
      .join('/'),
    'x',
  );
  const code = createHash('sha256').update(inboxKey).digest('hex').slice(0, 8);
  const safe = shortEnoughForS3(`${readable}.${code}`);
  const report: Report = {
    ...emptyReport(inboxKey, gemeente, 'quarantaine'),
    findings: [
      finding(
        'NAAM-ONGELDIG',
        'bestand',
        "de naam van het bestand heeft een lege map (//) of . of .. als deel; zo kan het niet veilig worden bewaard en het is niet gelezen of verwerkt: upload het opnieuw onder een naam zonder zo'n deel",
      ),
    ],
  };
  for (const folder of ['quarantine', 'outbox'])
    await blobs.put(`${folder}/${gemeente}/${safe}.geweigerd.rapport.json`, JSON.stringify(report));
  return { report };
}

export const blobSource = (blobs: BlobStore, key: string, version?: BlobVersion): FileSource => ({
  name: key,
  open: () => blobs.open(key, version),
});

const locks = new Map<string, Promise<unknown>>();

/** One writer per municipality in this process (on AWS the SQS FIFO group does this across processes). */
export async function withMunicipalityLock<T>(gemeente: string, work: () => Promise<T>): Promise<T> {
  const before = locks.get(gemeente) ?? Promise.resolve();
  const run = before.then(work, work);
  const tail = run.catch(() => undefined);
  locks.set(gemeente, tail);
  try {
    return await run;
  } finally {
    if (locks.get(gemeente) === tail) locks.delete(gemeente);
  }
}

/**
 * The internal copy of a file's report or answer, per municipality: the same bytes may come through two inboxes
 * (one accepted, the other quarantined for ISOLATION), and each record names its own copy.
 */
const stateKey = (gemeente: string, fileId: string, part: string) => `state/${gemeente}/${fileId}/${part}`;

export async function ingestObject(deps: IngestDeps, inboxKey: string): Promise<IngestResult> {
  const { gemeente, name } = inboxKeyParts(inboxKey);
  if (unsafeName(name)) return refuseUnsafeName(deps.blobs, inboxKey, gemeente, name);
  return withMunicipalityLock(gemeente, () => ingestLocked(deps, inboxKey));
}

/** How often a file replaced while it is processed (the same name uploaded again) is started again. */
const REPLACED_RETRIES = 3;

async function ingestLocked(deps: IngestDeps, inboxKey: string): Promise<IngestResult> {
  const { gemeente } = parseInboxKey(inboxKey);
  for (let attempt = 1; ; attempt++) {
    const version = await deps.blobs.version(inboxKey);
    if (!version) return { report: emptyReport(inboxKey, gemeente, 'geaccepteerd'), alreadyDone: true };
    try {
      return await ingestVersion(deps, inboxKey, version);
    } catch (err) {
      // Replaced before the commit: nothing of this attempt counts. The newer upload is what the sender means.
      if (!(err instanceof ReplacedError) || attempt >= REPLACED_RETRIES) throw err;
    }
  }
}

/** One uploaded version of a file, read in every pass as it was when processing began. */
async function ingestVersion(
  deps: IngestDeps,
  inboxKey: string,
  version: BlobVersion,
): Promise<IngestResult> {
  const { store, blobs } = deps;
  const { gemeente, name: sent } = parseInboxKey(inboxKey);
  // The key only when the name needs it: a duplicate or a redelivery does not wait for the secrets store.
  const name = await keptNameOf(sent, deps.secrets);
  const ontvangen = version.modified.toISOString();
  const source = blobSource(blobs, inboxKey, version);
  const facts = await sniff(source);
  const fileId = facts.sha256;
  const upload: Upload = { inboxKey, gemeente, name, version, source, facts, ontvangen };
  const records = await loadFiles(store, gemeente);
  const existing = records.get(fileId);
  if (existing) {
    const redelivery = isKeptNameOf(existing.name, name, sent) && existing.ontvangen === ontvangen;
    return redelivery
      ? publish(deps, existing, upload)
      : duplicate(
          deps,
          existing,
          upload,
          // Records only: a duplicate writes the same outputs again when retried, under the same name. A withdrawn
          // file's answer differs from its copy's (9333/9056): the original's outputs, under its name, stay.
          await outputName(
            null,
            records,
            gemeente,
            name,
            fileId,
            existing.status === 'ingetrokken' ? existing : null,
          ),
        );
  }

  const uitvoer = await outputName(blobs, records, gemeente, name, fileId);
  const checked = await checkFile(source, facts);
  const reference = referenceData(deps.region);
  const isolation = isolationProblem(checked, gemeente, deps.region.region.centrumgemeente);
  if (checked.unreadable || isolation) {
    const findings = isolation ? [isolation, ...checked.findings] : checked.findings;
    const head: ReportHead = {
      ...checkReportHead(checked),
      file: inboxKey,
      gemeente,
      status: 'quarantaine',
      // The deepest level reached (CONTRACT §2): an isolation breach is found after levels 1–2 ran.
      level: checked.level,
      counts: { regels: checked.lines, geaccepteerd: 0, afgewezen: checked.lines },
      findings,
      ontvangen,
    };
    return commitAndPublish(deps, { head, upload, declaraties: [], uitvoer, answered: false });
  }
  const sentThroughAnother = await reportSentThroughAnother(deps, checked, gemeente);
  if (sentThroughAnother)
    return duplicate(
      deps,
      sentThroughAnother,
      upload,
      await outputName(null, records, gemeente, name, fileId),
    );

  const files = committedFiles(records);
  const poging = attemptOf(fileId, ontvangen, records.values(), rulesFingerprint(deps.region));
  const state = new StateReader(store, gemeente, files);
  const pseudonymise = pseudonymiser(await deps.secrets.pseudonymKey());
  const text = () => uploadText(upload);
  let level3: Finding[] = [];
  let items: Awaited<ReturnType<typeof reconcileDeclaraties>>['items'] = [];
  let rejectedLines = 0;
  if (checked.kind === 'declaratie') {
    const result = await reconcileDeclaraties({
      fileId,
      poging,
      gemeente,
      ontvangstdatum: dutchDate(ontvangen),
      declaraties: checked.declaraties,
      lines: () => readDeclaraties(text(), facts, sinkFindings(), { lines: 0 }),
      state,
      ref: reference,
      pseudonymise,
      write: (decided) => store.put(decided),
    });
    items = result.items;
    level3 = result.findings;
    rejectedLines = checked.declaraties.reduce((n, d) => n + d.size - d.approvedCount, 0);
  } else if (checked.kind === 'toewijzing') {
    const result = await reconcileToewijzingen({
      fileId,
      poging,
      gemeente,
      rejectedAtLevel2: checked.rejectedSeqs,
      lines: () => readToewijzingen(text(), facts, sinkFindings(), { lines: 0 }),
      state,
      ref: reference,
      pseudonymise,
      ontvangen,
      centrumgemeenten: regionCentres(deps.region.region),
    });
    items = result.items;
    level3 = result.findings;
    rejectedLines = checked.rejectedSeqs.size + result.rejected.size;
  } else {
    const result = await reconcileTaakgericht({
      fileId,
      poging,
      gemeente,
      ontvangen,
      rows: () => readTaakgericht(text(), facts, sinkFindings(), { lines: 0 }),
      store,
      files,
    });
    items = result.items;
    level3 = result.findings;
  }
  const lines = checked.lines;
  const status: FileStatus =
    rejectedLines === 0 ? 'geaccepteerd' : rejectedLines === lines ? 'afgewezen' : 'deels-geaccepteerd';
  // The deepest level reached: 2 when every declaration (every toewijzing line) already failed in-message.
  const reachedState =
    checked.kind === 'declaratie'
      ? checked.declaraties.some((d) => !d.failedInMessage)
      : checked.kind === 'toewijzing'
        ? checked.rejectedSeqs.size < lines
        : true;
  const head: ReportHead = {
    ...checkReportHead(checked),
    file: inboxKey,
    gemeente,
    status,
    level: reachedState ? 3 : 2,
    counts: { regels: lines, geaccepteerd: lines - rejectedLines, afgewezen: rejectedLines },
    findings: [...checked.findings, ...level3],
    ontvangen,
  };
  return commitAndPublish(deps, {
    head,
    upload,
    declaraties: checked.declaraties,
    uitvoer,
    answered: checked.kind === 'declaratie' && checked.declaraties.length > 0,
    items,
    poging,
  });
}

const fingerprints = new WeakMap<RegionData, string>();

/**
 * What a file is decided by besides the state: the region's reference data and this code's version (attemptOf).
 * Every change to what the rules decide raises the version in package.json: else a file that crashed under the old
 * code and is redriven under the new one would be the same attempt, and what only the old code wrote would count.
 */
export function rulesFingerprint(region: RegionData): string {
  let f = fingerprints.get(region);
  if (f === undefined) {
    const { region: regio, tarieven, budgetten, aanbieders } = region;
    f = createHash('sha256')
      .update(JSON.stringify({ version, regio, tarieven, budgetten, aanbieders }))
      .digest('hex');
    fingerprints.set(region, f);
  }
  return f;
}

/** A fresh pass over an upload's text. */
function uploadText({ source, facts }: Upload): AsyncIterable<string> {
  return (async function* () {
    yield* decodeText(await source.open(), facts.encoding);
  })();
}

/** Later passes re-read a file that pass 1 already judged: their findings are not needed again. */
const sinkFindings = () => new FindingCollector();

/**
 * A taakgericht report that passed the isolation check may have come through the other inbox it may use before: the
 * centrumgemeente's when a member sends it, a named member's when the centrumgemeente does. The committed record
 * of the same bytes there makes this copy a duplicate of it. Only a record that counts: a withdrawn copy there is
 * that municipality's correction, and says nothing about this one.
 */
async function reportSentThroughAnother(
  deps: IngestDeps,
  checked: CheckedFile,
  gemeente: string,
): Promise<FileRecord | undefined> {
  if (checked.kind !== 'taakgericht') return undefined;
  const centrum = deps.region.region.centrumgemeente;
  const others = gemeente === centrum ? [...checked.gemeentenInInhoud] : [centrum];
  const keys = others.filter((g) => g !== gemeente).map((g) => key.file(g, checked.facts.sha256));
  const found = (await deps.store.get(keys)) as FileRecord[];
  return found.find((r) => r.status === 'verwerkt');
}

/**
 * A file must only name the municipality that uploaded it (DESIGN §4.6). The centrumgemeente may upload
 * taakgericht reports about its member municipalities.
 */
function isolationProblem(checked: CheckedFile, uploader: string, centrum: string): Finding | null {
  const others = [...checked.gemeentenInInhoud].filter((g) => g !== uploader);
  if (others.length === 0) return null;
  if (checked.kind === 'taakgericht' && uploader === centrum) return null;
  return finding(
    'ISOLATION',
    'bestand',
    `het bestand noemt gemeente ${others.join(', ')}, maar is aangeleverd door gemeente ${uploader}: in quarantaine als beveiligingsgebeurtenis`,
  );
}

interface Outcome {
  readonly head: ReportHead;
  readonly upload: Upload;
  readonly declaraties: CheckedFile['declaraties'];
  /** The name its outputs get (outputName). */
  readonly uitvoer: string;
  /** A declaration file with declarations: it gets an answer. */
  readonly answered: boolean;
  /** What the file decided, written just before its record. */
  readonly items?: readonly Item[];
  /** The attempt that decided the items (attemptOf); the record names it. */
  readonly poging?: string;
}

async function commitAndPublish(deps: IngestDeps, o: Outcome): Promise<IngestResult> {
  const { blobs, store } = deps;
  const { gemeente, name, ontvangen, facts } = o.upload;
  const fileId = facts.sha256;
  const reportKey = stateKey(gemeente, fileId, 'rapport.json');
  await blobs.put(reportKey, renderReport(o.head, o.declaraties));
  const antwoordExt = o.answered ? answerExt(o.upload) : null;
  const antwoordKey = antwoordExt ? stateKey(gemeente, fileId, `antwoord.${antwoordExt}`) : null;
  if (antwoordKey) await writeAnswer(blobs, antwoordKey, o.upload, o.declaraties);
  const rejectedAmount = o.declaraties.reduce((sum, d) => sum + d.afgewezenBedrag, 0);
  const record: FileRecord = {
    ...key.file(gemeente, fileId),
    fileId,
    gemeente,
    name,
    ...(o.uitvoer !== name ? { uitvoer: o.uitvoer } : {}),
    status: o.head.status === 'quarantaine' ? 'quarantaine' : 'verwerkt',
    kind: o.head.kind,
    format: o.head.format,
    ontvangen,
    regels: o.head.counts.regels,
    geaccepteerd: o.head.counts.geaccepteerd,
    afgewezen: o.head.counts.afgewezen,
    afgewezenBedrag: rejectedAmount,
    rapportKey: reportKey,
    antwoordKey,
    antwoordExt,
    topRetourcodes: topCodes(o.head.findings, o.declaraties),
    ...(o.poging ? { poging: o.poging } : {}),
  };
  // The items right before the record, after the report and answer (the answer reads the file again, which takes
  // time): a crash between the two leaves items without a record, which nothing counts. A retry against the same
  // state rewrites them; a redrive after the state changed is another attempt, and only its items count.
  await store.put(o.items ?? []);
  await store.putOne(record);
  return publish(deps, record, o.upload);
}

/** The answer follows the declaration file: CSV for CSV, else a WMO325 (XML). */
const answerExt = (upload: Upload): 'csv' | 'xml' => (upload.facts.format === 'csv' ? 'csv' : 'xml');

/**
 * A declaration file's answer: a WMO325 for a WMO323 (its identification from the file id, dated on receipt),
 * CSV for CSV. Reads the file's lines again.
 */
async function writeAnswer(
  blobs: BlobStore,
  target: string,
  upload: Upload,
  declaraties: CheckedFile['declaraties'],
  /** What tells this answer from another one to the same bytes (a WMO325's identification must be unique). */
  answering: 'first' | 'again' = 'first',
): Promise<void> {
  const { facts } = upload;
  if (answerExt(upload) === 'csv') {
    const answer = renderCsvAnswer(uploadText(upload), facts.delimiter ?? ';', declaraties);
    // In the input's own encoding, and with its byte order mark (a spreadsheet reads UTF-8 by it): the backoffice
    // reads its answer back the way it wrote the export.
    if (facts.encoding === 'windows-1252') await blobs.put(target, encodedAs(answer, 'win1252'));
    else await blobs.put(target, facts.bom ? withBom(answer) : answer);
    return;
  }
  // The bytes identify the first answer; an answer to the same bytes received again (a withdrawn file's copy, with
  // 9056) is another message, identified by the bytes and its receipt time. Both deterministic.
  const identity =
    answering === 'first'
      ? facts.sha256
      : createHash('sha256').update(`${facts.sha256}|${upload.ontvangen}`).digest('hex');
  const header: AnswerHeader = {
    identificatie: identity.slice(0, 12),
    dagtekening: dutchDate(upload.ontvangen),
  };
  const lines = readDeclaraties(uploadText(upload), facts, sinkFindings(), { lines: 0 });
  await blobs.put(target, renderWmo325(header, declaraties[0], lines));
}

async function* withBom(text: AsyncIterable<string>): AsyncGenerator<string> {
  yield '\uFEFF';
  yield* text;
}

/** Retourcodes of the rejected lines (or of the findings when no line was judged), most frequent first. */
function topCodes(
  findings: readonly Finding[],
  declaraties: CheckedFile['declaraties'],
): { code: string; aantal: number }[] {
  const counts = new Map<string, number>();
  for (const d of declaraties) {
    for (let i = 0; i < d.size; i++)
      for (const c of d.codesOf(i) ?? []) counts.set(c, (counts.get(c) ?? 0) + 1);
  }
  if (counts.size === 0) {
    for (const f of findings) {
      if (f.severity !== 'waarschuwing' && f.retourcode)
        counts.set(f.retourcode, (counts.get(f.retourcode) ?? 0) + 1);
    }
  }
  return [...counts.entries()]
    .map(([code, aantal]) => ({ code, aantal }))
    .sort((a, b) => b.aantal - a.aantal || a.code.localeCompare(b.code))
    .slice(0, 5);
}

/**
 * The name a file's outputs (archive, outbox, quarantine) get: its own, or with the start of its id added when
 * the name is taken — by another file's record, or by outputs already there (a duplicate's, which has no record)
 * — as an archived original is never overwritten. Decided before the outputs are written, and kept on the record.
 */
async function outputName(
  blobs: BlobStore | null,
  records: ReadonlyMap<string, FileRecord>,
  gemeente: string,
  name: string,
  fileId: string,
  /** A withdrawn file of the same bytes, whose outputs (under its own output name) must stay. */
  withdrawn: FileRecord | null = null,
): Promise<string> {
  name = shortEnoughForS3(name);
  // quarantine/<g>/afgebroken/ holds the cut-off SFTP uploads (pipeline/partial-upload.ts): no output of a file goes there.
  if (/^afgebroken(\/|$)/.test(name)) name = `_${name}`;
  const own = withdrawn ? (withdrawn.uitvoer ?? withdrawn.name) : null;
  const taken =
    name === own ||
    [...records.values()].some((r) => r.fileId !== fileId && (r.uitvoer ?? r.name) === name) ||
    (blobs !== null &&
      ((await blobs.exists(`archive/${gemeente}/${name}`)) ||
        (await blobs.exists(`quarantine/${gemeente}/${name}`))));
  if (!taken) return name;
  const slash = name.lastIndexOf('/');
  const dot = name.lastIndexOf('.');
  const withId = (id: string) =>
    dot > slash + 1 ? `${name.slice(0, dot)}.${id}${name.slice(dot)}` : `${name}.${id}`;
  const renamed = withId(fileId.slice(0, 8));
  // The withdrawn original may carry that name itself (its own name was taken when it came).
  return renamed === own ? withId(`${fileId.slice(0, 8)}-2`) : renamed;
}

/**
 * S3 keys hold at most 1024 bytes. An upload's key may use them all, and its outputs add a folder and a suffix
 * (`quarantine/<g>/<name>.<id>-2.rapport.json`): a name too long for that is replaced by a hash of it, with its
 * extension, so that the committed file can be published instead of failing on every retry.
 */
const OUTPUT_KEY_EXTRA = 'quarantine/0000/'.length + '.12345678-2'.length + '.rapport.json'.length;

function shortEnoughForS3(name: string): string {
  if (Buffer.byteLength(name) + OUTPUT_KEY_EXTRA <= MAX_KEY_BYTES) return name;
  const extension = /\.[A-Za-z0-9]{1,10}$/.exec(name)?.[0] ?? '';
  return `${createHash('sha256').update(name).digest('hex').slice(0, 32)}${extension}`;
}

/**
 * Where a file's outputs go under its output name: report and answer beside `base` (in quarantine, else in the
 * outbox), the original to `original` (quarantine itself, else the archive).
 */
function outputPaths(status: FileRecord['status'], gemeente: string, uitvoer: string) {
  const quarantined = status === 'quarantaine';
  const base = `${quarantined ? 'quarantine' : 'outbox'}/${gemeente}/${uitvoer}`;
  return {
    base,
    original: quarantined ? base : `archive/${gemeente}/${uitvoer}`,
    // A quarantined file's report in the outbox too: the backoffice reads only there (its role, SFTP /antwoorden).
    reports: [`${base}.rapport.json`, ...(quarantined ? [`outbox/${gemeente}/${uitvoer}.rapport.json`] : [])],
  };
}
const recordPaths = (r: FileRecord) => outputPaths(r.status, r.gemeente, r.uitvoer ?? r.name);

/** After the commit: outputs, archive, one alert, inbox cleared. Idempotent, so a retry can run it again. */
async function publish(deps: IngestDeps, record: FileRecord, upload: Upload): Promise<IngestResult> {
  const { blobs, store, alerts } = deps;
  const { base, original, reports } = recordPaths(record);
  // The original first: the sooner after the commit, the less chance that a new upload of the name replaced it.
  await keepOriginal(blobs, upload, original);
  for (const report of reports) await blobs.copy(record.rapportKey, report);
  if (record.antwoordKey) await blobs.copy(record.antwoordKey, `${base}.antwoord.${record.antwoordExt}`);
  if (deps.alertMode !== 'deferred') await alertOnce(store, alerts, record);
  await clearInbox(blobs, upload);
  return { report: await readReport(blobs, `${base}.rapport.json`) };
}

/**
 * The judged original to the archive (or quarantine), as judged: when the same name was uploaded again meanwhile,
 * a versioned bucket still has the judged version; a folder or an unversioned bucket no longer has it, and the
 * newer upload is not archived in its place.
 */
async function keepOriginal(blobs: BlobStore, upload: Upload, target: string): Promise<void> {
  if (!(await blobs.exists(upload.inboxKey))) return;
  await blobs.copy(upload.inboxKey, target, upload.version).catch(unlessReplaced);
}

/** The inbox object removed, unless it is a newer upload under the same name: that one waits for its own turn. */
async function clearInbox(blobs: BlobStore, upload: Upload): Promise<void> {
  await blobs.delete(upload.inboxKey, upload.version).catch(unlessReplaced);
}

const unlessReplaced = (err: unknown) => {
  if (!(err instanceof ReplacedError)) throw err;
};

/**
 * The alert for a committed file with rejections, sent once: after sending, the file record says so. A
 * quarantined file is rejected as a whole, also when no line could be read (empty, binary, not a known kind).
 * `seen` may be behind (a stream image, a withdrawal since): the decision is made on the record as stored now,
 * and only the flag is written, so that a withdrawal made meanwhile stays.
 */
export async function alertOnce(store: ItemStore, alerts: AlertSink, seen: FileRecord): Promise<boolean> {
  // What says "no alert" only ever becomes true: a file without rejections needs no read of the record.
  if (noAlert(seen)) return false;
  const recordKey = key.file(seen.gemeente, seen.fileId);
  const [record] = (await store.get([recordKey])) as FileRecord[];
  if (!record || noAlert(record)) return false;
  const quarantined = record.status === 'quarantaine';
  const { base } = recordPaths(record);
  await alerts.send(
    alertWithoutBsns({
      gemeente: record.gemeente,
      bestand: record.name,
      fileId: record.fileId,
      soort: record.kind,
      status: quarantined
        ? 'quarantaine'
        : record.afgewezen === record.regels
          ? 'afgewezen'
          : 'deels-geaccepteerd',
      regels: record.regels,
      afgewezen: record.afgewezen,
      afgewezenBedrag: record.afgewezenBedrag,
      retourcodes: record.topRetourcodes.map((c) => ({ ...c, tekst: retourcodeText(c.code) })),
      antwoord: record.antwoordKey ? `${base}.antwoord.${record.antwoordExt}` : null,
      rapport: `${base}.rapport.json`,
    }),
  );
  await store.mark(recordKey, { alertVerzonden: new Date().toISOString() });
  return true;
}

const noAlert = (r: FileRecord): boolean =>
  (r.afgewezen === 0 && r.status !== 'quarantaine') ||
  Boolean(r.alertVerzonden) ||
  r.status === 'ingetrokken';

/** Identical bytes under another name, or uploaded again: the stored answer, marked as a duplicate; no change. */
async function duplicate(
  deps: IngestDeps,
  original: FileRecord,
  upload: Upload,
  uitvoer: string,
): Promise<IngestResult> {
  const { blobs } = deps;
  const { inboxKey, gemeente, ontvangen } = upload;
  if (original.status === 'ingetrokken') return withdrawnDuplicate(deps, original, upload, uitvoer);
  const stored = await readReport(blobs, original.rapportKey);
  // The original as its own report names it (the key as uploaded); another municipality's file (a taakgericht report
  // through the other inbox first) by the name kept for it, which holds no BSN. The copy is this municipality's.
  const duplicaatVan =
    original.gemeente === gemeente ? stored.file : `inbox/${original.gemeente}/${original.name}`;
  const report: Report = { ...stored, file: inboxKey, gemeente, duplicaatVan, ontvangen };
  const paths = outputPaths(original.status, gemeente, uitvoer);
  for (const key of paths.reports) await blobs.put(key, JSON.stringify(report));
  if (original.antwoordKey)
    await blobs.copy(original.antwoordKey, `${paths.base}.antwoord.${original.antwoordExt}`);
  await keepOriginal(blobs, upload, paths.original);
  await clearInbox(blobs, upload);
  return { report };
}

/** An uploaded file as ingest found it in the inbox. */
interface Upload {
  readonly inboxKey: string;
  /** inbox/<gemeente>/<name> */
  readonly gemeente: string;
  /** The name kept for it (keptName: a possible BSN masked); the inbox key has the name as sent. */
  readonly name: string;
  /** The version judged (BlobStore.version when processing began). */
  readonly version: BlobVersion;
  readonly source: FileSource;
  readonly facts: FileFacts;
  readonly ontvangen: string;
}

/**
 * Identical bytes of a withdrawn file: not processed again (same identity), and not answered with the old answer
 * either, which would say its lines were approved while none of them counts. A declaration file is answered as a
 * message received before: 9056 in the header of a WMO323 (its BerichtIdentificatie), 9333 on each declaration of
 * a CSV (its DeclaratieNummer), every line rejected and listed; the report says why. Nothing is stored.
 */
async function withdrawnDuplicate(
  deps: IngestDeps,
  original: FileRecord,
  upload: Upload,
  uitvoer: string,
): Promise<IngestResult> {
  const { inboxKey, gemeente, source, facts, ontvangen } = upload;
  const reden = original.ingetrokken?.reden ?? 'onbekend';
  // The original as its own report names it (the key as uploaded).
  const originalFile = (await readReport(deps.blobs, original.rapportKey)).file;
  const checked = await checkFile(source, facts);
  const judged = judgeAsSentBefore(checked.declaraties, dutchDate(ontvangen), referenceData(deps.region));
  const head: ReportHead = {
    ...checkReportHead(checked),
    file: inboxKey,
    gemeente,
    status: 'afgewezen',
    level: checked.declaraties.some((d) => !d.failedInMessage) ? 3 : checked.level,
    duplicaatVan: originalFile,
    counts: { regels: checked.lines, geaccepteerd: 0, afgewezen: checked.lines },
    findings: [
      finding(
        'INGETROKKEN',
        'bestand',
        `dit bestand is gelijk aan ${originalFile.slice(originalFile.lastIndexOf('/') + 1)}, dat is ingetrokken (reden: ${reden}); het wordt niet opnieuw verwerkt en telt niet mee. Lever een gecorrigeerd bestand aan.`,
      ),
      ...checked.findings,
      ...judged,
    ],
    ontvangen,
  };
  const { base, original: archived } = outputPaths(original.status, gemeente, uitvoer);
  await deps.blobs.put(`${base}.rapport.json`, renderReport(head, checked.declaraties));
  if (checked.declaraties.length > 0)
    await writeAnswer(
      deps.blobs,
      `${base}.antwoord.${answerExt(upload)}`,
      upload,
      checked.declaraties,
      'again',
    );
  await keepOriginal(deps.blobs, upload, archived);
  await clearInbox(deps.blobs, upload);
  return { report: await readReport(deps.blobs, `${base}.rapport.json`) };
}

async function readReport(blobs: BlobStore, key: string): Promise<Report> {
  const chunks: Buffer[] = [];
  for await (const c of await blobs.open(key)) chunks.push(c as Buffer);
  return JSON.parse(Buffer.concat(chunks).toString('utf8')) as Report;
}
