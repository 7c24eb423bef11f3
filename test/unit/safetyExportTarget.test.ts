/**
 * `codeboom export … --out FILE` never writes over a file of the study (codeboom.json, a
 * transcript, anything under .codeboom/), and over any other existing file only with --force.
 * Run as a real process on a copy of the sample study in a temp dir.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { studyFileKind } from '../../src/core/store';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');
const CLI = path.resolve(__dirname, '../../src/cli/bin.js');

function cli(...argv: string[]): { code: number | null; out: string; err: string } {
  const r = spawnSync(process.execPath, [CLI, ...argv], { encoding: 'utf8', timeout: 60_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
}

function copyOfSample(): { dir: string; study: string } {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-out-'));
  const study = path.join(dir, 'study');
  fs.cpSync(SAMPLE, study, { recursive: true });
  return { dir, study };
}

const snapshot = (file: string): string | undefined => (fs.existsSync(file) ? fs.readFileSync(file, 'utf8') : undefined);

describe('data safety: export --out never overwrites the study', () => {
  it('the core rule: project file, anything under .codeboom/, transcripts of the transcript folders', () => {
    const folders = ['transcripts'];
    assert.strictEqual(studyFileKind(folders, 'codeboom.json'), 'project');
    assert.strictEqual(studyFileKind(folders, 'CodeBoom.JSON'), 'project', 'case-insensitive file systems');
    assert.strictEqual(studyFileKind(folders, '.codeboom/codings/transcripts/A-1.md.eva.json'), 'data');
    assert.strictEqual(studyFileKind(folders, '.codeboom/new.csv'), 'data');
    assert.strictEqual(studyFileKind(folders, 'transcripts/A-1.md'), 'transcript');
    assert.strictEqual(studyFileKind(folders, 'transcripts/sub/new.markdown'), 'transcript');
    assert.strictEqual(studyFileKind(folders, 'transcripts/matrix.csv'), undefined);
    assert.strictEqual(studyFileKind(folders, 'reports/A-1.md'), undefined);
    assert.strictEqual(studyFileKind(['.'], 'reports/A-1.md'), 'transcript');
  });

  for (const [label, rel] of [
    ['the project file', 'codeboom.json'],
    ['a transcript', 'transcripts/A-1.md'],
    ['a codings file', '.codeboom/codings/transcripts/A-1.md.eva.json'],
    ['a new file under .codeboom/', '.codeboom/matrix.csv'],
  ] as const) {
    it(`refuses to write over ${label}, also with --force (exit 2, names the file)`, () => {
      const { study } = copyOfSample();
      const target = path.join(study, ...rel.split('/'));
      const before = snapshot(target);
      for (const force of [[], ['--force']]) {
        const r = cli('export', 'matrix', study, '--out', target, ...force);
        assert.strictEqual(r.code, 2, r.err);
        assert.ok(r.err.includes(rel), r.err);
        assert.match(r.err, /study/);
        assert.strictEqual(snapshot(target), before, `${rel} unchanged`);
      }
      assert.strictEqual(cli('validate', study).code, 0);
    });
  }

  it('refuses a study file reached through a symbolic link or a relative path', () => {
    const { dir, study } = copyOfSample();
    const link = path.join(dir, 'innocent.csv');
    fs.symlinkSync(path.join(study, 'codeboom.json'), link);
    const before = snapshot(path.join(study, 'codeboom.json'));
    const r = cli('export', 'matrix', study, '--out', link, '--force');
    assert.strictEqual(r.code, 2, r.err);
    assert.match(r.err, /codeboom\.json/);
    fs.symlinkSync(study, path.join(dir, 'alias'));
    const r2 = cli('export', 'matrix', study, '--out', path.join(dir, 'alias', 'transcripts', '..', 'codeboom.json'));
    assert.strictEqual(r2.code, 2, r2.err);
    assert.strictEqual(snapshot(path.join(study, 'codeboom.json')), before);
  });

  it('writes over another existing file only with --force', () => {
    const { dir, study } = copyOfSample();
    const target = path.join(dir, 'matrix.csv');
    fs.writeFileSync(target, 'mine\n');
    const r = cli('export', 'matrix', study, '--out', target);
    assert.strictEqual(r.code, 2, r.err);
    assert.ok(r.err.includes(target) && /--force/.test(r.err), r.err);
    assert.strictEqual(fs.readFileSync(target, 'utf8'), 'mine\n');
    const forced = cli('export', 'matrix', study, '--out', target, '--force');
    assert.strictEqual(forced.code, 0, forced.err);
    assert.notStrictEqual(fs.readFileSync(target, 'utf8'), 'mine\n');
  });

  it('writes a new file anywhere else, inside the study folder too', () => {
    const { dir, study } = copyOfSample();
    for (const target of [path.join(dir, 'out', 'matrix.csv'), path.join(study, 'reports', 'matrix.csv')]) {
      const r = cli('export', 'matrix', study, '--out', target);
      assert.strictEqual(r.code, 0, r.err);
      assert.match(fs.readFileSync(target, 'utf8'), /,/);
    }
  });
});
