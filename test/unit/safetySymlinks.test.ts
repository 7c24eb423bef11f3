/**
 * Symbolic links, one rule: a transcript or folder that resolves (realpath) outside the study is
 * not followed and is reported (a problem naming the link); one that resolves inside may be
 * followed. Real links in a temp dir, through the Node file port the CLI uses.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { StudyStore } from '../../src/core/store';
import { serializeProject } from '../../src/core/serialize';
import { exportProject, importProject } from '../../src/core/refi';
import { main } from '../../src/cli';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallProject, smallStudyFs } from './helpers';
import { DOC, codingOn } from './safetyHelpers';

interface Place {
  readonly study: string;
  readonly outside: string;
}

/** A small study in `<tmp>/study` and a folder `<tmp>/outside` with a secret transcript. */
function place(): Place {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-links-'));
  const study = path.join(tmp, 'study');
  const outside = path.join(tmp, 'outside');
  fs.mkdirSync(path.join(study, 'transcripts'), { recursive: true });
  fs.mkdirSync(outside);
  fs.writeFileSync(path.join(study, 'codeboom.json'), serializeProject(smallProject()));
  fs.writeFileSync(path.join(study, 'transcripts', 'A-1.md'), TRANSCRIPT_A);
  fs.writeFileSync(path.join(outside, 'secret.md'), '# Secret\n\nNot part of the study.\n');
  return { study, outside };
}

const paths = (files: readonly { path: string }[]): string[] => files.map((d) => d.path);

async function cli(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('data safety: symbolic links', () => {
  it('follows a transcript link that resolves inside the study', async () => {
    const { study } = place();
    fs.mkdirSync(path.join(study, 'originals'));
    fs.writeFileSync(path.join(study, 'originals', 'D-1.md'), TRANSCRIPT_D);
    fs.symlinkSync(path.join('..', 'originals', 'D-1.md'), path.join(study, 'transcripts', 'D-1.md'));
    const r = await StudyStore.open(new NodeFileSystem(study));
    assert.deepStrictEqual(r.problems, []);
    assert.deepStrictEqual(paths(r.study.documents), ['transcripts/A-1.md', 'transcripts/D-1.md']);
  });

  it('does not follow a transcript or a folder that resolves outside, and names the link', async () => {
    const { study, outside } = place();
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(study, 'transcripts', 'secret.md'));
    fs.symlinkSync(outside, path.join(study, 'transcripts', 'shared'));
    const r = await StudyStore.open(new NodeFileSystem(study));
    assert.deepStrictEqual(paths(r.study.documents), ['transcripts/A-1.md']);
    assert.deepStrictEqual(r.problems.map((p) => p.file).sort(), ['transcripts/secret.md', 'transcripts/shared']);
    assert.ok(
      r.problems.every((p) => /symbolic link.*outside the study/.test(p.message)),
      JSON.stringify(r.problems),
    );
    const v = await cli('validate', study);
    assert.strictEqual(v.code, 1);
    assert.match(v.err, /transcripts\/secret\.md.*symbolic link/);
  });

  it('does not walk a transcript folder of codeboom.json that is a link to outside', async () => {
    const { study, outside } = place();
    fs.symlinkSync(outside, path.join(study, 'interviews'));
    fs.writeFileSync(
      path.join(study, 'codeboom.json'),
      serializeProject({ ...smallProject(), transcriptFolders: ['transcripts', 'interviews'] }),
    );
    const r = await StudyStore.open(new NodeFileSystem(study));
    assert.deepStrictEqual(paths(r.study.documents), ['transcripts/A-1.md']);
    assert.deepStrictEqual(
      r.problems.map((p) => p.file),
      ['interviews'],
    );
  });

  it('does not loop on a link to a folder above it, nor follow a dangling one', async () => {
    const { study } = place();
    fs.symlinkSync('..', path.join(study, 'transcripts', 'up'));
    fs.symlinkSync('nowhere.md', path.join(study, 'transcripts', 'dangling.md'));
    const r = await StudyStore.open(new NodeFileSystem(study));
    assert.deepStrictEqual(paths(r.study.documents), ['transcripts/A-1.md']);
    assert.deepStrictEqual(r.problems.map((p) => p.file).sort(), ['transcripts/dangling.md', 'transcripts/up']);
  });

  it('never writes a codings file through a .codeboom link to outside', async () => {
    const { study, outside } = place();
    fs.mkdirSync(path.join(outside, 'data'));
    fs.symlinkSync(path.join(outside, 'data'), path.join(study, '.codeboom'));
    const nfs = new NodeFileSystem(study);
    const r = await StudyStore.open(nfs);
    assert.deepStrictEqual(
      r.problems.map((p) => p.file),
      ['.codeboom/codings'],
    );
    // Read-only already; were it not, the port itself refuses the write.
    r.study.readOnly = false;
    r.study.transact('code', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'c1') }]);
    await assert.rejects(r.store.save(), /outside the study/);
    assert.deepStrictEqual(fs.readdirSync(path.join(outside, 'data')), []);
    await assert.rejects(nfs.writeFileAtomic('.codeboom/codings/x.json', new Uint8Array([1])), /outside the study/);
    await assert.rejects(nfs.readFile('../outside/secret.md'), /leads outside/);
  });

  it('REFI import: a target folder holding a link to outside is not empty, and nothing lands outside', async () => {
    const mem = smallStudyFs();
    const { study: small, store } = await StudyStore.open(mem);
    small.transact('code', [{ kind: 'addCoding', coding: codingOn('geen mandaat', ['mandaat'], 'c1') }]);
    const { bytes } = await exportProject({ study: small, text: (doc) => store.text(doc), memos: [], origin: 'test' });
    assert.ok(small.codingsOf(DOC).length === 1);
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-import-'));
    const target = path.join(tmp, 'target');
    const outside = path.join(tmp, 'outside');
    fs.mkdirSync(target);
    fs.mkdirSync(outside);
    fs.symlinkSync(outside, path.join(target, 'transcripts'));
    await assert.rejects(importProject(bytes, new NodeFileSystem(target)), /not empty.*transcripts/);
    assert.deepStrictEqual(fs.readdirSync(outside), []);
    // And an empty target is imported as usual.
    fs.unlinkSync(path.join(target, 'transcripts'));
    const report = await importProject(bytes, new NodeFileSystem(target));
    assert.strictEqual(report.codings, 1);
    assert.ok(fs.existsSync(path.join(target, '.codeboom', 'codings')));
  });

  it('a codeboom.json that is a link to outside is a problem of the study, not a crash', async () => {
    const { study, outside } = place();
    fs.renameSync(path.join(study, 'codeboom.json'), path.join(outside, 'codeboom.json'));
    fs.symlinkSync(path.join(outside, 'codeboom.json'), path.join(study, 'codeboom.json'));
    const v = await cli('validate', study);
    assert.strictEqual(v.code, 1, v.err);
    assert.match(v.err, /^problem: codeboom\.json: (codeboom\.json )?is a symbolic link .*outside the study/m);
  });

  it('a memo that is a link to outside is not exported into a .qdpx', async () => {
    const { study, outside } = place();
    fs.mkdirSync(path.join(study, '.codeboom', 'memos'), { recursive: true });
    fs.writeFileSync(path.join(study, '.codeboom', 'memos', 'journal.md'), '# Journal\n\nOwn words.\n');
    fs.symlinkSync(path.join(outside, 'secret.md'), path.join(study, '.codeboom', 'memos', 'stolen.md'));
    const out = path.join(outside, 'study.qdpx');
    const r = await cli('export', 'qdpx', study, '--out', out);
    assert.strictEqual(r.code, 0, r.err);
    const qdpx = fs.readFileSync(out);
    assert.ok(qdpx.includes('journal') || qdpx.length > 0);
    const { unzipSync, strFromU8 } = await import('fflate');
    const qde = strFromU8(unzipSync(new Uint8Array(qdpx))['project.qde']);
    assert.match(qde, /Own words/);
    assert.doesNotMatch(qde, /Not part of the study/);
  });

  it('a memo folder that is a link to outside stops the export with the reason (exit 1)', async () => {
    const { study, outside } = place();
    fs.mkdirSync(path.join(study, '.codeboom'));
    fs.symlinkSync(outside, path.join(study, '.codeboom', 'memos'));
    const r = await cli('export', 'qdpx', study, '--out', path.join(outside, 'x.qdpx'));
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.err, /\.codeboom\/memos is a symbolic link .*outside the study/);
    assert.ok(!fs.existsSync(path.join(outside, 'x.qdpx')));
  });
});
