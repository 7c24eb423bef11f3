/**
 * `codeboom import …`: transcripts (Word, captions, text) into a study, and a REFI-QDA project
 * (.qdpx) as a new study, with the core's conversions and the extension's report. Exit 1 when
 * anything was refused or lost, so a script notices.
 *
 *   codeboom import transcripts <files…> --study DIR [--folder F] [--case C] [--respondent R]
 *                               [--interview N] [--date yyyy-mm-dd] [--speaker "raw=pseudonym"]…
 *   codeboom import qdpx <file> --into DIR
 *   codeboom import qdc <file> --study DIR [--separate]
 *   codeboom import codebook <file.csv|.xlsx> --study DIR
 *   codeboom import factors <file.csv|.xlsx> --study DIR [--references refs.bib|refs.json]
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Refused, TranscriptMeta } from '../core/transcripts';
import { convertTranscript, freeName } from '../core/transcripts';
import { encodeText, joinPath } from '../core/port';
import { importProject, planCodebookImport, readCodebook } from '../core/refi';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { readDocxWithMammoth } from '../platform/docxText';
import type { SheetImportReport } from '../core/sheets';
import {
  formatOfName,
  isCatalogueHeading,
  isCodebookHeading,
  planCatalogueSheetImport,
  parseReferences,
  planCodebookSheetImport,
  readSheet,
} from '../core/sheets';
import type { Options } from './args';
import { UsageError, onlyOptions, stringOption } from './args';
import type { Io } from './study';
import { openStudy } from './study';
import { en } from '../core/plural';

export const IMPORT_USAGE = `codeboom import transcripts <files…> --study DIR [--folder F] [--case C] [--respondent R]
                            [--interview N] [--date yyyy-mm-dd] [--speaker "raw name=pseudonym"]…
    .docx, .txt, .md, .vtt, .srt → Markdown transcripts in the study's (first, or --folder) transcript
    folder, under free names; the originals are never touched. --speaker maps a raw speaker name
    (repeatable) to the label written, e.g. a respondent id.
codeboom import qdpx <file> --into DIR
    a REFI-QDA project as a new study in an empty (or new) folder, with what was not imported.
codeboom import qdc <file> --study DIR [--separate]
    a REFI-QDA codebook (.qdc, or the codebook of a .qdpx) into the study's codebook: codes are
    matched by GUID, else by name under the same parent (--separate: never by name).
codeboom import codebook <file.csv|.xlsx> --study DIR
    a codebook from a spreadsheet: a path column, level columns, or a Gioia sheet (1st-order,
    2nd-order, dimension), with definition, colour, polarity, origin, aliases (English or Dutch
    headings); codes the study has are matched by path, never duplicated.
codeboom import factors <file.csv|.xlsx> --study DIR [--references refs.bib|refs.json]
    literature factors from a spreadsheet (catalogue, category, factor, authors, source model);
    with --references (BibTeX or CSL-JSON) authors given as citation keys become "Yang & Maxwell, 2011".
Exit 1 when a file or a row was refused or anything of the archive was not imported.`;

/** A refusal in words (the CLI speaks English; the extension's sentences are in src/transcripts/refusals.ts). */
function refusalText(r: Refused): string {
  switch (r.reason) {
    case 'encrypted':
      return 'it is protected with a password';
    case 'empty':
      return 'it holds no text';
    case 'tooLarge':
      return `it is too large (${r.detail ?? '?'} bytes) for an interview transcript`;
    case 'notUtf8':
      return `it is not UTF-8 text (it looks like ${r.detail ?? '?'}): save it as UTF-8 and import it again`;
    case 'damaged':
      return `it cannot be read as a Word document${r.detail ? ` (${r.detail})` : ''}`;
    case 'unsupported':
      return `${r.detail ?? 'these'} files are not read: use .docx, .txt, .md, .vtt or .srt`;
  }
}

/** `--speaker "raw=pseudonym"`, repeatable. */
function speakerMap(values: readonly string[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const v of values) {
    const i = v.lastIndexOf('=');
    if (i <= 0 || i === v.length - 1) {
      throw new UsageError(`--speaker "${v}": write it as "raw name=pseudonym"`);
    }
    map[v.slice(0, i).trim()] = v.slice(i + 1).trim();
  }
  return map;
}

async function importTranscripts(files: readonly string[], options: Options, lists: Record<string, string[]>, io: Io): Promise<number> {
  onlyOptions('import transcripts', options, ['study', 'folder', 'case', 'respondent', 'interview', 'date', 'speaker']);
  if (files.length === 0) {
    throw new UsageError('import transcripts: which files?');
  }
  const date = stringOption(options, 'date');
  if (date !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(date)) {
    throw new UsageError(`--date "${date}" is not a date like 2024-05-01`);
  }
  const studyDir = path.resolve(stringOption(options, 'study') ?? '.');
  const { study } = await openStudy(studyDir, io);
  const folders = study.project.transcriptFolders;
  const wanted = stringOption(options, 'folder');
  if (wanted !== undefined && !folders.includes(wanted)) {
    throw new UsageError(`--folder "${wanted}" is not a transcript folder of the study: ${folders.join(', ')}`);
  }
  const folder = (wanted ?? folders[0] ?? '.') === '.' ? '' : (wanted ?? folders[0]);
  const meta: TranscriptMeta = {
    case: stringOption(options, 'case'),
    respondent: stringOption(options, 'respondent'),
    interview: stringOption(options, 'interview'),
    date,
    speakers: speakerMap(lists['speaker'] ?? []),
    keys: study.project.attributeKeys,
  };
  const target = new NodeFileSystem(studyDir);
  const taken = new Set((await target.readDirectory(folder).catch(() => [])).map(([name]) => name.toLowerCase()));
  let refused = 0;
  for (const file of files) {
    let bytes: Uint8Array;
    try {
      bytes = new Uint8Array(fs.readFileSync(file));
    } catch (e) {
      io.err(`refused: ${file}: ${(e as Error).message}`);
      refused++;
      continue;
    }
    const result = await convertTranscript(path.basename(file), bytes, { readDocx: readDocxWithMammoth, meta });
    if (result.kind === 'refused') {
      io.err(`refused: ${file}: ${refusalText(result)}`);
      refused++;
      continue;
    }
    let name = freeName(result.fileName, (n) => taken.has(n.toLowerCase()));
    while (await target.stat(joinPath(folder, name))) {
      taken.add(name.toLowerCase());
      name = freeName(result.fileName, (n) => taken.has(n.toLowerCase()));
    }
    taken.add(name.toLowerCase());
    const written = joinPath(folder, name);
    await target.writeFileAtomic(written, encodeText(result.markdown));
    const speakers = result.source.speakers.map((s) => `${s.name} (${s.turns})`).join(', ');
    io.out(`made ${written} from ${file}${speakers ? ` — speakers: ${speakers}` : ''}`);
  }
  io.err(`${en(files.length - refused, 'transcript', 'transcripts')} made, ${refused} refused`);
  return refused > 0 ? 1 : 0;
}

async function importQdpx(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('import qdpx', options, ['into']);
  const [file, extra] = rest;
  const into = stringOption(options, 'into');
  if (file === undefined || into === undefined || extra !== undefined) {
    throw new UsageError('import qdpx takes one .qdpx file and --into DIR');
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  fs.mkdirSync(into, { recursive: true });
  const report = await importProject(bytes, new NodeFileSystem(path.resolve(into)), { readDocx: readDocxWithMammoth });
  io.out(
    `imported ${path.basename(file)}${report.origin ? ` (from ${report.origin})` : ''} into ${into}: ${report.codes} codes, ${report.transcripts.length} transcripts, ${report.codings} codings, ${report.coders.length} coders, ${report.memoFiles.length} memo files`,
  );
  for (const s of report.skippedSources) {
    io.err(`not imported: ${s.name} (${s.kind}): ${s.reason}${s.codings ? `; ${en(s.codings, 'coding', 'codings')} on it` : ''}`);
  }
  for (const w of report.warnings) {
    io.err(`note: ${w}`);
  }
  if (report.lost) {
    const n = report.notImported;
    const parts = Object.entries(n)
      .filter(([, v]) => v > 0)
      .map(([k, v]) => `${v} ${k}`);
    io.err(`lost: ${parts.join(', ')} of the archive were not imported`);
    return 1;
  }
  return 0;
}

async function importQdc(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('import qdc', options, ['study', 'separate']);
  const [file, extra] = rest;
  if (file === undefined || extra !== undefined) {
    throw new UsageError('import qdc takes one .qdc (or .qdpx) file and --study DIR');
  }
  const studyDir = path.resolve(stringOption(options, 'study') ?? '.');
  const bytes = new Uint8Array(fs.readFileSync(file));
  const { study, store, problems } = await openStudy(studyDir, io);
  if (study.readOnly) {
    io.err(`${en(problems, 'problem', 'problems')}: the study is read-only until they are fixed; nothing imported`);
    return 1;
  }
  const codebook = readCodebook(bytes, path.basename(file));
  const plan = planCodebookImport(study, codebook, { matchByName: options['separate'] !== true });
  if (plan.ops.length) {
    study.transact(`Import codebook ${path.basename(file)}`, plan.ops);
    await store.save();
  }
  io.out(`imported the codebook ${path.basename(file)}: ${plan.added} new codes, ${plan.matched} matched, ${plan.links} links`);
  for (const w of plan.warnings) {
    io.err(`note: ${w}`);
  }
  if (plan.lost) {
    io.err('lost: part of the codebook was not imported (see the notes)');
    return 1;
  }
  return 0;
}

/** A codebook or the literature factors from a .csv or .xlsx sheet into the study; exit 1 when a row was refused. */
async function importSheet(what: 'codebook' | 'factors', rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions(`import ${what}`, options, what === 'factors' ? ['study', 'references'] : ['study']);
  const [file, extra] = rest;
  const format = file === undefined ? undefined : formatOfName(file);
  if (file === undefined || extra !== undefined || format === undefined) {
    throw new UsageError(`import ${what} takes one .csv or .xlsx file and --study DIR`);
  }
  const { study, store, problems } = await openStudy(path.resolve(stringOption(options, 'study') ?? '.'), io);
  if (study.readOnly) {
    io.err(`${en(problems, 'problem', 'problems')}: the study is read-only until they are fixed; nothing imported`);
    return 1;
  }
  const bytes = new Uint8Array(fs.readFileSync(file));
  const name = path.basename(file);
  let report: SheetImportReport;
  if (what === 'codebook') {
    const plan = planCodebookSheetImport(study, await readSheet(bytes, format, name, isCodebookHeading));
    if (plan.ops.length) {
      study.transact(`Import codebook ${name}`, plan.ops);
    }
    report = plan;
  } else {
    const references = stringOption(options, 'references');
    const citations =
      references === undefined ? undefined : parseReferences(fs.readFileSync(references, 'utf8'), path.basename(references));
    const plan = planCatalogueSheetImport(study.catalogues, await readSheet(bytes, format, name, isCatalogueHeading), {
      ...(citations ? { citations } : {}),
    });
    if (plan.changed) {
      study.transact('Import literature factors', [{ kind: 'setCatalogues', catalogues: plan.catalogues }]);
    }
    report = plan;
  }
  await store.save();
  io.out(
    `imported ${what} from ${name}: ${report.added.length} added, ${report.matched.length} matched, ${report.refused.length} rows refused`,
  );
  for (const r of report.refused) {
    io.err(`refused: row ${r.row}: ${r.reason}`);
  }
  return report.refused.length ? 1 : 0;
}

/** `codeboom import <what> …`. */
export async function importCommand(rest: readonly string[], options: Options, lists: Record<string, string[]>, io: Io): Promise<number> {
  const [what, ...args] = rest;
  switch (what) {
    case 'transcripts':
      return importTranscripts(args, options, lists, io);
    case 'qdpx':
      return importQdpx(args, options, io);
    case 'qdc':
      return importQdc(args, options, io);
    case 'codebook':
    case 'factors':
      return importSheet(what, args, options, io);
    default:
      throw new UsageError(
        `import what? ${what ? `"${what}" is not one of: ` : ''}transcripts, qdpx, qdc, codebook, factors\n\n${IMPORT_USAGE}`,
      );
  }
}
