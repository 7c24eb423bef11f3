/** Errors reach people as sentences that name the file and say what to do, not as EACCES or parser output. */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { strToU8, zipSync } from 'fflate';
import { main } from '../../src/cli';
import { StudyStore } from '../../src/core/store';
import { MemoryFileSystem, NotUtf8Error } from '../../src/core/port';
import { serializeProject } from '../../src/core/serialize';
import { serializeCodingFile } from '../../src/core/serialize';
import { FALLBACK, describeErrorText } from '../../src/core/errors';
import { formatMessage } from '../../src/core/messages';
import { OutsideStudyError } from '../../src/core/port';
import { loadL10nBundle } from '../../src/node/l10nBundle';
import { importProject, readCodebook } from '../../src/core/refi';
import { RefiError } from '../../src/core/refi/errors';
import { TRANSCRIPT_A, smallProject } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const RAW = /EACCES|EISDIR|EEXIST|ENOENT|Unexpected token|Unexpected end|no project file here|Maximum nested tags|Maximum call stack/;

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

function studyDir(files: Record<string, string>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-msg-'));
  for (const [rel, text] of Object.entries(files)) {
    fs.mkdirSync(path.dirname(path.join(dir, rel)), { recursive: true });
    fs.writeFileSync(path.join(dir, rel), text);
  }
  return dir;
}

/** A file port that fails reading one path with a Node errno error (tests may run as root, where chmod does not deny). */
class DenyingFileSystem extends MemoryFileSystem {
  constructor(
    initial: Record<string, string>,
    private readonly denied: string,
    private readonly code: string,
  ) {
    super(initial);
  }
  override async readFile(p: string): Promise<Uint8Array> {
    if (p === this.denied) {
      throw Object.assign(new Error(`${this.code}: operation failed, open '/study/${p}'`), { code: this.code, path: `/study/${p}` });
    }
    return super.readFile(p);
  }
}

describe('safety: error messages', () => {
  const dirs: string[] = [];
  after(() => dirs.forEach((d) => fs.rmSync(d, { recursive: true, force: true })));

  it('CLI: a folder where codeboom.json is expected (EISDIR) is a sentence about that file', async () => {
    const dir = studyDir({ 'transcripts/A-1.md': TRANSCRIPT_A });
    dirs.push(dir);
    fs.mkdirSync(path.join(dir, 'codeboom.json'));
    const r = await run('validate', dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /codeboom\.json is a folder where Codeboom expects a file/);
    assert.doesNotMatch(r.err, RAW);
  });

  it('CLI: invalid JSON says where and what to do, not the parser’s "Unexpected token"', async () => {
    const dir = studyDir({ 'codeboom.json': '{\n  "schemaVersion": 1,\n  "name": "x",,\n}' });
    dirs.push(dir);
    const r = await run('validate', dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /codeboom\.json: not valid JSON \(line 3, column \d+\): fix the file there/);
    assert.doesNotMatch(r.err, RAW);
  });

  it('CLI: a folder without a study says so', async () => {
    const dir = studyDir({ 'notes.md': 'hallo' });
    dirs.push(dir);
    const r = await run('validate', dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /no codeboom\.json here/);
    assert.doesNotMatch(r.err, RAW);
  });

  it('a codings file without read permission (EACCES) opens the study read-only with a sentence naming it', async () => {
    const files = {
      'codeboom.json': serializeProject(smallProject()),
      [DOC]: TRANSCRIPT_A,
      [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('mandaat', ['mandaat'], 'c1')]),
    };
    const { study, problems } = await StudyStore.open(new DenyingFileSystem(files, EVA, 'EACCES'));
    assert.ok(study.readOnly);
    assert.deepStrictEqual(
      problems.map((p) => p.file),
      [EVA],
    );
    assert.match(problems[0].message, /not allowed to read or write .*A-1\.md\.eva\.json \(permission denied\)/);
    assert.doesNotMatch(problems[0].message, RAW);
  });

  it('a project file without read permission refuses to open with a sentence', async () => {
    const fsys = new DenyingFileSystem({ 'codeboom.json': serializeProject(smallProject()) }, 'codeboom.json', 'EACCES');
    await assert.rejects(
      StudyStore.open(fsys),
      (e: unknown) => e instanceof Error && /permission denied/.test(e.message) && !RAW.test(e.message),
    );
  });

  it('a .qdpx whose XML is nested too deeply is refused with a sentence, not the parser’s "Maximum nested tags exceeded"', async () => {
    const depth = 20000;
    const xml = `<?xml version="1.0" encoding="utf-8"?><Project name="x">${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</Project>`;
    const qdpx = zipSync({ 'project.qde': strToU8(xml) });
    await assert.rejects(
      importProject(qdpx, new MemoryFileSystem()),
      (e: unknown) => e instanceof RefiError && /nested too deeply/.test(e.message) && !RAW.test(e.message),
    );
    assert.throws(
      () => readCodebook(qdpx, 'deep.qdpx'),
      (e: unknown) => e instanceof RefiError && !RAW.test(e.message),
    );
  });

  it('describeError: errno codes and VS Code FileSystemError codes give the same sentence; unknown errors keep their message', () => {
    const errno = (code: string): Error => Object.assign(new Error(code), { code });
    for (const [a, b] of [
      ['EISDIR', 'FileIsADirectory'],
      ['EACCES', 'NoPermissions'],
      ['EEXIST', 'FileExists'],
      ['ENOENT', 'FileNotFound'],
    ]) {
      assert.strictEqual(describeErrorText(errno(a), 'f.json'), describeErrorText(errno(b), 'f.json'));
      assert.doesNotMatch(describeErrorText(errno(a), 'f.json'), RAW);
      assert.match(describeErrorText(errno(a), 'f.json'), /f\.json/);
    }
    assert.match(describeErrorText(new NotUtf8Error('a.md', 'UTF-16 LE'), 'x'), /a\.md is not UTF-8 text \(it looks like UTF-16 LE\)/);
    assert.match(describeErrorText(new Error('something odd'), 'f.json'), /f\.json: something odd/);
  });

  it('every sentence of describeError, NotUtf8Error and OutsideStudyError has a Dutch translation', () => {
    const errno = (code: string): Error => Object.assign(new Error(code), { code });
    const samples = (): unknown[] => [
      ...['EISDIR', 'ENOTDIR', 'EACCES', 'ENOENT', 'EEXIST', 'ENOSPC', 'EROFS', 'EBUSY'].map(errno),
      new SyntaxError('Unexpected token } in JSON at position 3'),
      new RangeError('Maximum call stack size exceeded'),
      new Error('Maximum nested tags exceeded'),
      new Error('something odd'),
      new NotUtf8Error('f.json', 'UTF-16 LE'),
      new OutsideStudyError('f.json'),
    ];
    const english = samples().map((e) => describeErrorText(e, 'f.json'));
    assert.strictEqual(english[11], formatMessage(FALLBACK, 'f.json', 'something odd'));
    try {
      assert.ok(loadL10nBundle('nl', path.resolve(__dirname, '../../..')));
      const dutch = samples().map((e) => describeErrorText(e, 'f.json'));
      dutch.forEach((nl, i) => {
        assert.notStrictEqual(nl, english[i], `not translated: ${english[i]}`);
        assert.match(nl, /f\.json/);
      });
    } finally {
      loadL10nBundle('en', '');
    }
  });
});
