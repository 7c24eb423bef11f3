/**
 * Confidentiality on the command line:
 *
 *   codeboom check-pseudonyms [study] [--key FILE] [files…]
 *       exit 1 when a listed name is still in a transcript, a coding's quote or memo, the codebook,
 *       a memo file, or one of the files given (an export, a .qdpx archive, a .docx); the lines
 *       name the place and the pseudonym, never the real name.
 *   codeboom export member-check [study] --respondent R | --transcript T --out FILE.docx|.html
 *       [--codes a,b] [--key FILE] [--no-pseudonyms] [--override REASON]
 *
 * And the gate of a confidential study (`confidential: true`): every export refuses until the
 * check passes, unless `--override REASON`, which is written into the export's header.
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Study } from '../core/study';
import { append } from '../core/port';
import type { StudyStore } from '../core/store';
import { readMemoFiles } from '../core/refi';
import {
  checkPseudonyms,
  describeLeft,
  fileTexts,
  openStudyTexts,
  keyLocation,
  parseKeyFile,
  withOverrideHeader,
  type PseudonymLeft,
  type PseudonymList,
  type TranscriptText,
} from '../core/pseudonyms';
import { buildMemberCheck, memberCheckCodes, memberCheckHtml, memberCheckInput, type MemberCheckTarget } from '../core/memberCheck';
import { memberCheckDocx } from '../platform/docxWriter';
import { writeFileAtomicAt } from '../node/studyFiles';
import { UsageError, onlyOptions, stringOption, type Options } from './args';
import { checkOutTarget } from './outTarget';
import { ExportRefused } from '../core/exports/registry';
import { openStudy, type Io } from './study';
import { en } from '../core/plural';

/** The key file's path: --key, else the study's `pseudonymKey`, else beside the study folder. */
export function keyPath(studyDir: string, study: Study, options: Options): string {
  const given = stringOption(options, 'key');
  if (given !== undefined) {
    return path.resolve(given);
  }
  const loc = keyLocation(study.project.pseudonymKey, path.basename(studyDir));
  return path.resolve(studyDir, loc.path);
}

/** The list in the key file, or undefined when the file does not exist. */
export function readKey(file: string): PseudonymList | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  return parseKeyFile(fs.readFileSync(file, 'utf8'), file);
}

function report(left: readonly PseudonymLeft[], list: PseudonymList, texts: readonly TranscriptText[], io: Io): void {
  const byPath = new Map(texts.map((t) => [t.path, t.text]));
  for (const l of left) {
    io.out(describeLeft(l, list, byPath.get(l.path)));
  }
}

export async function checkPseudonymsCommand(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('check-pseudonyms', options, ['key']);
  const [dir, ...files] = rest;
  const studyDir = path.resolve(dir ?? '.');
  const { study, store } = await openStudy(studyDir, io);
  const key = keyPath(studyDir, study, options);
  const list = readKey(key);
  if (!list) {
    io.err(`codeboom: no pseudonym list at ${key}; give --key FILE (or "pseudonymKey" in codeboom.json)`);
    return 1;
  }
  const texts = await openStudyTexts({ study, store });
  for (const file of files) {
    const read = fileTexts(file, new Uint8Array(fs.readFileSync(file)));
    for (const s of read.skipped) {
      io.err(`note: ${s} is not text (an image, audio): not checked`);
    }
    append(texts, read.texts);
  }
  const left = checkPseudonyms(list, texts);
  report(left, list, texts, io);
  const checked = `${en(study.documents.length, 'transcript', 'transcripts')}, their codings, the codebook and memos${files.length ? `, ${en(files.length, 'file', 'files')}` : ''}`;
  if (left.length > 0) {
    const places = new Set(left.map((l) => l.path)).size;
    io.err(
      `${left.length === 1 ? '1 listed name remains' : `${left.length} listed names remain`} in ${en(places, 'place', 'places')} (checked ${checked}).`,
    );
    return 1;
  }
  io.err(`ok: none of the ${list.entries.length} listed names remains (checked ${checked}).`);
  return 0;
}

/**
 * A confidential study's exports: the check must pass, else `--override REASON` (returned, to be
 * written into the export). Not confidential: undefined, nothing is checked.
 */
export async function confidentialGate(
  study: Study,
  store: StudyStore,
  studyDir: string,
  options: Options,
  io: Io,
): Promise<string | undefined> {
  const override = stringOption(options, 'override');
  if (study.project.confidential !== true) {
    return undefined;
  }
  const key = keyPath(studyDir, study, options);
  const list = readKey(key);
  const left = list ? checkPseudonyms(list, await openStudyTexts({ study, store })) : undefined;
  if (list && left!.length === 0) {
    return undefined;
  }
  if (override !== undefined) {
    io.err(`note: confidential study exported without a passing pseudonym check (override: ${override})`);
    return override;
  }
  throw new ExportRefused(
    list
      ? `this study is confidential and ${left!.length === 1 ? '1 listed name remains' : `${left!.length} listed names remain`} (codeboom check-pseudonyms shows where): pseudonymise first, or give --override REASON`
      : `this study is confidential and has no pseudonym list at ${key}: make one, or give --override REASON`,
  );
}

/** An export's bytes with the override in its header; a binary file gets a note beside it. */
export async function writeWithOverride(out: string, data: Uint8Array, override: string | undefined): Promise<void> {
  if (override === undefined) {
    await writeFileAtomicAt(path.resolve(out), data, out);
    return;
  }
  const marked = withOverrideHeader(data, path.extname(out), override);
  await writeFileAtomicAt(path.resolve(out), marked.bytes, out);
  if (marked.sidecar) {
    await writeFileAtomicAt(path.resolve(`${out}.override.txt`), marked.sidecar, `${out}.override.txt`);
  }
}

export async function memberCheckCommand(dir: string | undefined, options: Options, io: Io): Promise<number> {
  onlyOptions('export member-check', options, [
    'respondent',
    'transcript',
    'codes',
    'out',
    'format',
    'key',
    'no-pseudonyms',
    'override',
    'force',
  ]);
  const respondent = stringOption(options, 'respondent');
  const transcript = stringOption(options, 'transcript');
  if ((respondent === undefined) === (transcript === undefined)) {
    throw new UsageError('export member-check needs --respondent R or --transcript PATH (one of them)');
  }
  const out = stringOption(options, 'out');
  if (out === undefined) {
    throw new UsageError('export member-check writes a file: give --out FILE.docx or FILE.html');
  }
  const format = stringOption(options, 'format') ?? (path.extname(out).toLowerCase() === '.html' ? 'html' : 'docx');
  if (format !== 'docx' && format !== 'html') {
    throw new UsageError(`export member-check: --format docx or html, not "${format}"`);
  }
  const studyDir = path.resolve(dir ?? '.');
  const { study, store, problems } = await openStudy(studyDir, io);
  await checkOutTarget(out, studyDir, study.project.transcriptFolders, options['force'] === true);
  const list = options['no-pseudonyms'] === true ? undefined : readKey(keyPath(studyDir, study, options));
  const override = list ? undefined : await confidentialGate(study, store, studyDir, options, io);
  const memos = new Map((await readMemoFiles(store.fs)).map((m) => [m.path, m.text]));
  const target: MemberCheckTarget = respondent !== undefined ? { respondent } : { transcript: transcript! };
  const codes = memberCheckCodes(
    study,
    stringOption(options, 'codes')
      ?.split(',')
      .map((c) => c.trim()),
  );
  const model = buildMemberCheck(memberCheckInput({ study, text: (d) => store.text(d), memo: (d) => memos.get(d) }, target, list, codes));
  const data = format === 'html' ? memberCheckHtml(model, override) : await memberCheckDocx(model, override);
  await writeFileAtomicAt(path.resolve(out), data, out);
  io.err(`written ${out}${list ? ' (pseudonymised)' : ''}`);
  return problems > 0 ? 1 : 0;
}
