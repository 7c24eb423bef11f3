/**
 * A merge the driver cannot decide, with the real `git` binary: the same code renamed differently on
 * two branches. git reports the conflict (the driver exits 1), codeboom.json stays valid JSON with
 * ours kept and theirs an alias, and the study's problems (StudyStore.open, codeboom validate) name
 * the code with both names until someone settles it by renaming the code or removing the alias.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { serializeProject } from '../../src/core/serialize';
import { MERGE_CONFLICTS_FILE, StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { gitAttributesText } from '../../src/core/gitSetup';
import { run } from './cliRun';
import { TRANSCRIPT_A, smallProject } from './helpers';

const CLI = path.resolve(__dirname, '../../src/cli/bin.js');

describe('merge conflicts the driver cannot decide land in the study’s problems (real git)', () => {
  let root: string;
  const env = () => ({ ...process.env, HOME: root, XDG_CONFIG_HOME: root, GIT_CONFIG_NOSYSTEM: '1', GIT_TERMINAL_PROMPT: '0' });
  const git = (cwd: string, ...args: string[]): string =>
    execFileSync('git', args, { cwd, encoding: 'utf8', env: env(), stdio: ['ignore', 'pipe', 'pipe'] });

  beforeEach(() => {
    root = fs.mkdtempSync(path.join(os.tmpdir(), 'T-conflict-'));
  });
  afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

  /** A repository whose study (in studie/) has the driver set up, and two branches that renamed `code`. */
  function renamedOnBoth(code: string, ours: string, theirs: string): string {
    const dir = path.join(root, 'repo');
    fs.mkdirSync(path.join(dir, 'studie', 'transcripts'), { recursive: true });
    git(dir, 'init', '-q', '-b', 'main');
    git(dir, 'config', 'user.name', 'Sup');
    git(dir, 'config', 'user.email', 'sup@example.org');
    git(dir, 'config', 'merge.codeboom.driver', `${JSON.stringify(process.execPath)} ${JSON.stringify(CLI)} merge-driver %O %A %B %P`);
    const project = smallProject();
    const write = (name: string): void =>
      fs.writeFileSync(
        path.join(dir, 'studie', 'codeboom.json'),
        serializeProject({ ...project, codes: project.codes.map((c) => (c.id === code ? { ...c, name } : c)) }),
      );
    write(project.codes.find((c) => c.id === code)!.name);
    fs.writeFileSync(path.join(dir, 'studie', 'transcripts', 'a.md'), TRANSCRIPT_A);
    fs.writeFileSync(path.join(dir, 'studie', '.gitattributes'), gitAttributesText());
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '-m', 'study');
    git(dir, 'switch', '-q', '-c', 'ben');
    write(theirs);
    git(dir, 'commit', '-q', '-am', 'ben renames');
    git(dir, 'switch', '-q', 'main');
    write(ours);
    git(dir, 'commit', '-q', '-am', 'anna renames');
    return dir;
  }

  it('git reports the conflict, the file is valid with ours kept, and the problems name both names', async () => {
    const dir = renamedOnBoth('hier', 'gezag', 'macht');
    assert.throws(
      () => git(dir, 'merge', '--no-edit', 'ben'),
      (e: { stdout: string }) => /CONFLICT \(content\): Merge conflict in studie\/codeboom\.json/.test(e.stdout),
    );
    const text = fs.readFileSync(path.join(dir, 'studie', 'codeboom.json'), 'utf8');
    assert.doesNotMatch(text, /^(<{7}|>{7}|={7})/m);
    const hier = JSON.parse(text).codes.find((c: { id: string }) => c.id === 'hier');
    assert.deepStrictEqual([hier.name, hier.aliases], ['gezag', ['macht']]);
    assert.ok(fs.existsSync(path.join(dir, 'studie', MERGE_CONFLICTS_FILE)));
    // The person takes the file as it is and commits the merge, record included.
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-edit');

    const study = path.join(dir, 'studie');
    const opened = await StudyStore.open(new NodeFileSystem(study));
    const index = opened.study.project.codes.findIndex((c) => c.id === 'hier');
    assert.deepStrictEqual(
      opened.problems.map((p) => [p.file, p.path, p.severity]),
      [['codeboom.json', ['codes', index, 'name'], 'warning']],
    );
    assert.match(opened.problems[0].message, /kept the name “gezag”.*renamed this code “macht”/);
    assert.strictEqual(opened.study.readOnly, false, 'a warning: the study stays editable');
    const v = await run('validate', study);
    assert.match(v.err, /codeboom\.json.*“gezag”.*“macht”/);

    // Settled by renaming the code to the other branch's name: the problem is gone.
    opened.study.transact('rename', [{ kind: 'updateCode', id: 'hier', patch: { name: 'macht' } }]);
    await opened.store.save();
    assert.deepStrictEqual((await StudyStore.open(new NodeFileSystem(study))).problems, []);
  });

  it('keeping ours: removing the other name from the aliases settles it; a second conflict is recorded once', async () => {
    const dir = renamedOnBoth('vertrouwen', 'onderling vertrouwen', 'vertrouwen in elkaar');
    assert.throws(() => git(dir, 'merge', '--no-edit', 'ben'));
    const record = path.join(dir, 'studie', MERGE_CONFLICTS_FILE);
    const first = fs.readFileSync(record, 'utf8');
    // The driver run again on the same sides (git merge-file style re-run) records nothing new.
    git(dir, 'merge', '--abort');
    assert.throws(() => git(dir, 'merge', '--no-edit', 'ben'));
    assert.strictEqual(fs.readFileSync(record, 'utf8'), first);
    git(dir, 'add', '-A');
    git(dir, 'commit', '-q', '--no-edit');
    const study = path.join(dir, 'studie');
    const opened = await StudyStore.open(new NodeFileSystem(study));
    assert.strictEqual(opened.problems.length, 1);
    opened.study.transact('keep ours', [{ kind: 'updateCode', id: 'vertrouwen', patch: { aliases: [] } }]);
    await opened.store.save();
    assert.deepStrictEqual((await StudyStore.open(new NodeFileSystem(study))).problems, []);
  });
});
