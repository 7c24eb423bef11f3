/**
 * `codeboom mv`: a transcript or a folder of them renamed on disk, its codings (of every coder) moved
 * with it in one step: new codings files named after the new path, the old ones gone, every coding
 * on the same text.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { makeAnchor } from '../../src/core/anchor';
import type { Coding } from '../../src/core/model';
import { renamedPath } from '../../src/core/renames';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { run } from './cliRun';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallProject } from './helpers';

function codingOf(doc: string, text: string, quote: string, coder: string, id: string, codes: string[]): Coding {
  const s = text.indexOf(quote);
  return { id, doc, coder, codes, ...makeAnchor(text, s, s + quote.length), created: '2026-11-30T10:00:00.000Z' };
}

describe('codeboom mv: codings follow a renamed transcript', () => {
  let dir: string;
  const codings: Coding[] = [];
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-mv-'));
    fs.mkdirSync(path.join(dir, 'transcripts/ronde1'), { recursive: true });
    fs.mkdirSync(path.join(dir, '.codeboom/codings/transcripts/ronde1'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'codeboom.json'), serializeProject(smallProject()));
    codings.length = 0;
    for (const [doc, text] of [
      ['transcripts/ronde1/a.md', TRANSCRIPT_A],
      ['transcripts/ronde1/d.md', TRANSCRIPT_D],
    ]) {
      fs.writeFileSync(path.join(dir, doc), text);
      for (const coder of ['anna', 'ben']) {
        const mine = [
          codingOf(
            doc,
            text,
            doc.endsWith('a.md') ? 'geen mandaat' : 'kennisniveau is laag',
            coder,
            `${coder}-${doc.length}-${text.length}`,
            ['mandaat'],
          ),
        ];
        codings.push(...mine);
        fs.writeFileSync(path.join(dir, `.codeboom/codings/${doc}.${coder}.json`), serializeCodingFile(doc, coder, mine));
      }
    }
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  async function assertFollowed(rename: (doc: string) => string): Promise<void> {
    const { study, problems, missing } = await StudyStore.open(new NodeFileSystem(dir));
    assert.deepStrictEqual([problems, missing], [[], []]);
    for (const c of codings) {
      const now = study.coding(c.id)!;
      assert.strictEqual(now.doc, rename(c.doc));
      assert.strictEqual(study.document(now.doc) !== undefined, true);
      assert.ok(!now.orphaned);
      assert.ok(fs.existsSync(path.join(dir, `.codeboom/codings/${now.doc}.${c.coder}.json`)));
      if (now.doc !== c.doc) {
        assert.ok(!fs.existsSync(path.join(dir, `.codeboom/codings/${c.doc}.${c.coder}.json`)), 'the old codings file is gone');
      }
    }
    const v = await run('validate', dir);
    assert.strictEqual(v.code, 0, v.err);
  }

  it('renames a transcript: every coder’s codings move to the new name', async () => {
    const r = await run(
      'mv',
      path.join(dir, 'transcripts/ronde1/a.md'),
      path.join(dir, 'transcripts/ronde1/Respondent A.md'),
      '--study',
      dir,
    );
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /2 codings followed/);
    await assertFollowed((d) => (d === 'transcripts/ronde1/a.md' ? 'transcripts/ronde1/Respondent A.md' : d));
  });

  it('moves a folder: the codings of every transcript in it follow', async () => {
    const r = await run('mv', path.join(dir, 'transcripts/ronde1'), path.join(dir, 'transcripts/2026/ronde-1'), '--study', dir);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /4 codings followed/);
    await assertFollowed((d) => d.replace('transcripts/ronde1/', 'transcripts/2026/ronde-1/'));
  });

  it('a transcript renamed outside Codeboom: validate names the new name, and mv re-links the codings', async () => {
    fs.renameSync(path.join(dir, 'transcripts/ronde1/a.md'), path.join(dir, 'transcripts/ronde1/Respondent A.md'));
    const v = await run('validate', dir);
    assert.match(v.err, /transcript transcripts\/ronde1\/a\.md is missing .*renamed to transcripts\/ronde1\/Respondent A\.md\?/);
    assert.doesNotMatch(v.err, /d\.md is missing/);
    const r = await run(
      'mv',
      path.join(dir, 'transcripts/ronde1/a.md'),
      path.join(dir, 'transcripts/ronde1/Respondent A.md'),
      '--study',
      dir,
    );
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /re-linked .* 2 codings followed/);
    await assertFollowed((d) => (d === 'transcripts/ronde1/a.md' ? 'transcripts/ronde1/Respondent A.md' : d));
  });

  it('refuses to write over a file, and paths outside the study', async () => {
    const over = await run('mv', path.join(dir, 'transcripts/ronde1/a.md'), path.join(dir, 'transcripts/ronde1/d.md'), '--study', dir);
    assert.strictEqual(over.code, 2);
    assert.match(over.err, /exists already/);
    const out = await run('mv', path.join(dir, 'transcripts/ronde1/a.md'), path.join(os.tmpdir(), 'elders.md'), '--study', dir);
    assert.strictEqual(out.code, 2);
    assert.ok(fs.existsSync(path.join(dir, 'transcripts/ronde1/a.md')));
  });

  it('renamedPath: a file, or everything under a folder, and nothing that only shares a prefix', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^[a-z]{1,3}(\/[a-z]{1,3}){0,2}$/), fc.stringMatching(/^[a-z]{1,3}$/), (from, to) => {
        assert.strictEqual(renamedPath(from, from, to), to);
        assert.strictEqual(renamedPath(`${from}/x.md`, from, to), `${to}/x.md`);
        assert.strictEqual(renamedPath(`${from}x/y.md`, from, to), undefined);
      }),
    );
  });
});
