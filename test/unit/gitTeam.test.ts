/**
 * A team through git, with the real `git` binary in temp folders: a supervisor sets up the study,
 * two coders code on their own branches in their own clones (one renames a code, the other adds
 * codes under it and edits definitions), and both branches are merged into main in both orders with
 * the merge driver of `.gitattributes` and `git config merge.codeboom.driver`. HOME is a temp folder:
 * the user's own git config is neither read nor touched.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { makeAnchor } from '../../src/core/anchor';
import type { Coding } from '../../src/core/model';
import { serializeProject } from '../../src/core/serialize';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { gitAttributesText } from '../../src/core/gitSetup';
import { run } from './cliRun';
import { TRANSCRIPT_A, TRANSCRIPT_D, smallProject } from './helpers';

const CLI = path.resolve(__dirname, '../../src/cli/bin.js');
const STUDY = 'studie';
const TRANSCRIPT_C = `---\ncase: NDS\nrespondent: Respondent C\ninterview: 1\n---\n\n**Respondent C:** Er is weinig tijd en geen geld. Het mandaat ligt bij de minister.\n`;

let home: string;

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, {
    cwd,
    encoding: 'utf8',
    env: { ...process.env, HOME: home, XDG_CONFIG_HOME: home, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}

/** A clone of the team's repository, as one person has it: their name, the driver, maybe CRLF. */
function clone(root: string, who: string, crlf = false): string {
  const dir = path.join(root, who);
  git(root, 'clone', '-q', path.join(root, 'origin.git'), dir);
  git(dir, 'config', 'user.name', who);
  git(dir, 'config', 'user.email', `${who}@example.org`);
  git(dir, 'config', 'merge.codeboom.name', 'Codeboom study files');
  git(dir, 'config', 'merge.codeboom.driver', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} merge-driver %O %A %B %P`);
  if (crlf) {
    git(dir, 'config', 'core.autocrlf', 'true');
  }
  return dir;
}

async function open(dir: string) {
  const r = await StudyStore.open(new NodeFileSystem(path.join(dir, STUDY)));
  assert.deepStrictEqual(r.problems, []);
  return r;
}

/** Codes a quote of a transcript as `coder`, saves, and returns the coding. */
function coding(dir: string, doc: string, quote: string, codes: string[], coder: string, id: string): Coding {
  const text = fs.readFileSync(path.join(dir, STUDY, doc), 'utf8');
  const start = text.indexOf(quote);
  assert.ok(start >= 0, quote);
  return { id, doc, coder, codes, ...makeAnchor(text, start, start + quote.length), created: '2026-11-30T10:00:00.000Z' };
}

function commitAll(dir: string, message: string): void {
  git(dir, 'add', '-A');
  git(dir, 'commit', '-q', '-m', message);
}

/** Every file of the working tree (not .git) that holds a conflict marker. */
function markers(dir: string): string[] {
  const found: string[] = [];
  const walk = (d: string): void => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory() && e.name !== '.git') {
        walk(p);
      } else if (e.isFile() && /^(<{7}|>{7}|={7})( |$)/m.test(fs.readFileSync(p, 'utf8'))) {
        found.push(p);
      }
    }
  };
  walk(dir);
  return found;
}

async function playTeam(crlfCoder: boolean): Promise<{ root: string; codings: Coding[] }> {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-team-'));
  git(root, 'init', '-q', '--bare', '-b', 'main', 'origin.git');
  // The supervisor creates the study (in a folder of the thesis repository) and pushes it.
  const sup = clone(root, 'supervisor');
  const study = path.join(sup, STUDY);
  fs.mkdirSync(path.join(study, 'transcripts'), { recursive: true });
  fs.writeFileSync(path.join(study, 'codeboom.json'), serializeProject(smallProject()));
  fs.writeFileSync(path.join(study, 'transcripts/a.md'), TRANSCRIPT_A);
  fs.writeFileSync(path.join(study, 'transcripts/c.md'), TRANSCRIPT_C);
  fs.writeFileSync(path.join(study, 'transcripts/d.md'), TRANSCRIPT_D);
  fs.writeFileSync(path.join(study, '.gitattributes'), gitAttributesText());
  commitAll(sup, 'study');
  git(sup, 'push', '-q', 'origin', 'main');

  // Anna codes a.md and d.md, renames the code "hiërarchie" and makes a code.
  const anna = clone(root, 'anna');
  git(anna, 'switch', '-q', '-c', 'anna');
  const a = await open(anna);
  const annaCodings = [
    coding(anna, 'transcripts/a.md', 'geen mandaat', ['mandaat'], 'anna', 'a1'),
    coding(anna, 'transcripts/a.md', 'Het vertrouwen tussen de leden is groot', ['vertrouwen'], 'anna', 'a2'),
    coding(anna, 'transcripts/d.md', 'het kennisniveau is laag', ['complex'], 'anna', 'a3'),
  ];
  a.study.transact('code', [
    ...annaCodings.map((c) => ({ kind: 'addCoding' as const, coding: c })),
    { kind: 'updateCode', id: 'hier', patch: { name: 'hiërarchie en gezag' } },
    // A code made while coding: appended to the codebook, where Ben's new codes go too.
    { kind: 'addCode', code: { id: 'kennis', name: 'kennisniveau', color: '#e15759' } },
  ]);
  await a.store.save();
  // She renames the transcript she alone coded (its codings follow, for git a rename).
  const mv = await run(
    'mv',
    path.join(anna, STUDY, 'transcripts/d.md'),
    path.join(anna, STUDY, 'transcripts/ronde1/d.md'),
    '--study',
    path.join(anna, STUDY),
  );
  assert.strictEqual(mv.code, 0, mv.err);
  annaCodings[2] = { ...annaCodings[2], doc: 'transcripts/ronde1/d.md' };
  commitAll(anna, 'anna codes');
  git(anna, 'push', '-q', 'origin', 'anna');

  // Ben (maybe with CRLF checkouts) codes a.md and c.md, adds codes under "hiërarchie", edits definitions.
  const ben = clone(root, 'ben', crlfCoder);
  assert.ok(!fs.readFileSync(path.join(ben, STUDY, 'transcripts/a.md'), 'utf8').includes('\r'), 'eol=lf keeps transcripts LF');
  git(ben, 'switch', '-q', '-c', 'ben');
  const b = await open(ben);
  const benCodings = [
    coding(ben, 'transcripts/a.md', 'Er is geen mandaat om besluiten te nemen', ['mandaat'], 'ben', 'b1'),
    coding(ben, 'transcripts/c.md', 'weinig tijd en geen geld', ['middelen'], 'ben', 'b2'),
    coding(ben, 'transcripts/c.md', 'Het mandaat ligt bij de minister', ['lijn'], 'ben', 'b3'),
  ];
  b.study.transact('codebook', [
    { kind: 'addCode', code: { id: 'lijn', name: 'lijnorganisatie', parent: 'hier', color: '#4e79a7' } },
    { kind: 'addCode', code: { id: 'top', name: 'topdown', parent: 'hier', color: '#4e79a7' } },
    { kind: 'updateCode', id: 'hier', patch: { definition: 'Wie beslist, en over wie.' } },
    { kind: 'updateCode', id: 'middelen', patch: { definition: 'Geld, mensen en tijd.' } },
  ]);
  b.study.transact('code', [...benCodings.map((c) => ({ kind: 'addCoding' as const, coding: c }))]);
  await b.store.save();
  commitAll(ben, 'ben codes');
  git(ben, 'push', '-q', 'origin', 'ben');
  return { root, codings: [...annaCodings, ...benCodings] };
}

/** Merges the coders' branches into main in a fresh clone of the supervisor's, in this order. */
async function mergeInto(root: string, order: readonly string[], who: string): Promise<string> {
  const dir = clone(root, who);
  for (const branch of order) {
    git(dir, 'merge', '-q', '--no-edit', `origin/${branch}`);
  }
  return dir;
}

async function assertMerged(dir: string, codings: readonly Coding[]): Promise<void> {
  assert.deepStrictEqual(markers(dir), []);
  assert.strictEqual(git(dir, 'status', '--porcelain'), '');
  const validate = await run('validate', path.join(dir, STUDY));
  assert.strictEqual(validate.code, 0, validate.err);
  const { study } = await open(dir);
  for (const c of codings) {
    const found = study.coding(c.id);
    assert.ok(found, `coding ${c.id} of ${c.coder}`);
    assert.deepStrictEqual([found.doc, found.coder, found.codes, found.quote], [c.doc, c.coder, c.codes, c.quote]);
    assert.ok(!found.orphaned);
  }
  const hier = study.code('hier')!;
  assert.strictEqual(hier.name, 'hiërarchie en gezag');
  assert.strictEqual(hier.definition, 'Wie beslist, en over wie.');
  assert.strictEqual(study.code('middelen')?.definition, 'Geld, mensen en tijd.');
  assert.strictEqual(study.code('kennis')?.name, 'kennisniveau');
  assert.deepStrictEqual(
    study.codes.filter((c) => c.parent === 'hier').map((c) => c.id),
    ['mandaat', 'middelen', 'lijn', 'top'],
  );
  const agreement = await run('export', 'agreement', path.join(dir, STUDY), '--coders', 'anna,ben');
  assert.strictEqual(agreement.code, 0, agreement.err);
}

describe('a team through git (the real git binary, the merge driver)', function () {
  this.timeout(120_000);
  const roots: string[] = [];
  before(() => {
    home = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-home-'));
  });
  after(() => {
    for (const d of [home, ...roots]) {
      fs.rmSync(d, { recursive: true, force: true });
    }
  });

  for (const crlf of [false, true]) {
    it(`merges both coders into main in both orders${crlf ? ', one coder with CRLF checkouts' : ''}`, async () => {
      const { root, codings } = await playTeam(crlf);
      roots.push(root);
      await assertMerged(await mergeInto(root, ['anna', 'ben'], 'main1'), codings);
      await assertMerged(await mergeInto(root, ['ben', 'anna'], 'main2'), codings);
    });
  }

  it('without the driver, git’s line merge of the same branches conflicts in codeboom.json (the control)', async () => {
    const { root } = await playTeam(false);
    roots.push(root);
    const dir = clone(root, 'control');
    git(dir, 'config', '--remove-section', 'merge.codeboom');
    git(dir, 'merge', '-q', '--no-edit', 'origin/anna');
    assert.throws(
      () => git(dir, 'merge', '--no-edit', 'origin/ben'),
      (e: { stdout: string }) => /CONFLICT \(content\): Merge conflict in studie\/codeboom\.json/.test(e.stdout),
    );
    assert.match(fs.readFileSync(path.join(dir, STUDY, 'codeboom.json'), 'utf8'), /^<{7}/m);
  });

  it('a transcript renamed on one branch while the other coded it: validate names it, codeboom mv re-links', async () => {
    const { root, codings } = await playTeam(false);
    roots.push(root);
    const anna = path.join(root, 'anna');
    const r = await run(
      'mv',
      path.join(anna, STUDY, 'transcripts/a.md'),
      path.join(anna, STUDY, 'transcripts/Respondent A.md'),
      '--study',
      path.join(anna, STUDY),
    );
    assert.strictEqual(r.code, 0, r.err);
    commitAll(anna, 'rename a.md');
    git(anna, 'push', '-q', 'origin', 'anna');
    const main = await mergeInto(root, ['anna', 'ben'], 'main3');
    const study = path.join(main, STUDY);
    const v = await run('validate', study);
    assert.match(v.err, /transcript transcripts\/a\.md is missing .*renamed to transcripts\/Respondent A\.md\?/);
    const relink = await run('mv', path.join(study, 'transcripts/a.md'), path.join(study, 'transcripts/Respondent A.md'), '--study', study);
    assert.strictEqual(relink.code, 0, relink.err);
    commitAll(main, 'relink');
    const renamed = codings.map((c) => (c.doc === 'transcripts/a.md' ? { ...c, doc: 'transcripts/Respondent A.md' } : c));
    await assertMerged(main, renamed);
  });

  it('the same codings file changed on two branches merges by coding, not by line', async () => {
    const { root } = await playTeam(false);
    roots.push(root);
    // The supervisor fixes a memo in Anna's codings file on main while Anna goes on coding a.md.
    const sup = path.join(root, 'supervisor');
    git(sup, 'fetch', '-q');
    git(sup, 'merge', '-q', '--no-edit', 'origin/anna');
    const s = await open(sup);
    s.study.transact('memo', [{ kind: 'updateCoding', id: 'a1', patch: { memo: 'Zie ook c.md' } }]);
    await s.store.save();
    commitAll(sup, 'memo');
    const anna = path.join(root, 'anna');
    const a = await open(anna);
    const more = coding(anna, 'transcripts/a.md', 'Ook ontbreekt het aan middelen', ['middelen'], 'anna', 'a4');
    a.study.transact('code', [
      { kind: 'addCoding', coding: more },
      { kind: 'updateCoding', id: 'a2', patch: { codes: ['vertrouwen', 'complex'] } },
    ]);
    await a.store.save();
    commitAll(anna, 'more');
    git(sup, 'pull', '-q', '--no-rebase', '--no-edit', anna, 'anna');
    assert.deepStrictEqual(markers(sup), []);
    const { study } = await open(sup);
    assert.strictEqual(study.coding('a1')?.memo, 'Zie ook c.md');
    assert.deepStrictEqual(study.coding('a2')?.codes, ['vertrouwen', 'complex']);
    assert.ok(study.coding('a4'));
  });
});
