/**
 * The codebook's history from git (core/codebookHistory, read through src/node/gitSetup's gitLog):
 * a real repository in a temp folder where two people create, rename, merge and delete codes in
 * commits of codeboom.json (one a merge of two branches); every event names its code, person and date.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { ProjectData } from '../../src/core/model';
import { serializeProject } from '../../src/core/serialize';
import { CODEBOOK_LOG_ARGS, codebookHistory, commitsOfLog, eventSentence } from '../../src/core/codebookHistory';
import { gitLog } from '../../src/node/gitSetup';
import { smallProject } from './helpers';

describe('core/codebookHistory: who created, renamed and merged codes (real git)', () => {
  let dir: string;
  const env = { ...process.env, HOME: os.tmpdir(), GIT_CONFIG_NOSYSTEM: '1' };
  const git = (...args: string[]): string =>
    execFileSync('git', args, { cwd: dir, encoding: 'utf8', env, stdio: ['ignore', 'pipe', 'pipe'] });
  const commit = (who: string, date: string, project: ProjectData, message: string): void => {
    fs.writeFileSync(path.join(dir, 'codeboom.json'), serializeProject(project));
    git('add', 'codeboom.json');
    execFileSync('git', ['-c', `user.name=${who}`, '-c', `user.email=${who}@example.org`, 'commit', '-q', '-m', message], {
      cwd: dir,
      env: { ...env, GIT_AUTHOR_DATE: date, GIT_COMMITTER_DATE: date },
    });
  };

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'T-history-'));
    git('init', '-q', '-b', 'main');
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('names the creation, renames, merges and deletions of each code with person and date, branches included', async () => {
    const p0 = smallProject();
    commit('Supervisor', '2026-01-01T10:00:00Z', p0, 'codebook');
    const rename = (p: ProjectData, id: string, name: string): ProjectData => ({
      ...p,
      codes: p.codes.map((c) => (c.id === id ? { ...c, name } : c)),
    });
    const p1 = rename(p0, 'middelen', 'middelen en tijd');
    commit('Ann', '2026-01-02T10:00:00Z', p1, 'rename');
    git('checkout', '-q', '-b', 'bob');
    const p2: ProjectData = {
      ...p1,
      codes: [{ id: 'nieuw', name: 'kennisniveau', color: '#000000' }, ...p1.codes],
    };
    commit('Bob', '2026-01-03T10:00:00Z', p2, 'add');
    git('checkout', '-q', 'main');
    // complexiteit merged into vertrouwen: its name becomes an alias there and it goes
    const p3: ProjectData = {
      ...p1,
      codes: p1.codes.filter((c) => c.id !== 'complex').map((c) => (c.id === 'vertrouwen' ? { ...c, aliases: ['complexiteit'] } : c)),
      links: p1.links,
    };
    commit('Ann', '2026-01-04T10:00:00Z', p3, 'merge codes');
    execFileSync('git', ['-c', 'user.name=Ann', '-c', 'user.email=a@example.org', 'merge', '-q', '--no-edit', 'bob'], { cwd: dir, env });
    const p4 = { ...p3, codes: [p2.codes[0], ...p3.codes] };
    assert.deepStrictEqual(
      JSON.parse(fs.readFileSync(path.join(dir, 'codeboom.json'), 'utf8')).codes.map((c: { id: string }) => c.id),
      p4.codes.map((c) => c.id),
    );
    const later = { ...p4, codes: p4.codes.filter((c) => c.id !== 'nieuw') };
    commit('Bob', '2026-01-05T10:00:00Z', later, 'delete');

    const log = await gitLog(dir, CODEBOOK_LOG_ARGS);
    assert.ok(log !== undefined);
    assert.strictEqual(commitsOfLog(log).length, 5, 'five commits with a diff (the merge commit has none)');
    const h = codebookHistory(log);
    const kinds = (id: string) => (h.get(id) ?? []).map((e) => `${e.kind} ${e.who} ${e.when.slice(0, 10)}`);
    assert.deepStrictEqual(kinds('middelen'), ['created Supervisor 2026-01-01', 'renamed Ann 2026-01-02']);
    assert.deepStrictEqual(kinds('vertrouwen'), ['created Supervisor 2026-01-01', 'merged Ann 2026-01-04']);
    assert.deepStrictEqual(kinds('nieuw'), ['created Bob 2026-01-03', 'deleted Bob 2026-01-05']);
    assert.deepStrictEqual(kinds('mandaat'), ['created Supervisor 2026-01-01']);
    const renamed = h.get('middelen')![1];
    assert.strictEqual(eventSentence(renamed), 'renamed from “middelen” to “middelen en tijd” by Ann, 2026-01-02');
    assert.strictEqual(eventSentence(h.get('vertrouwen')![1]), '“complexiteit” merged into it by Ann, 2026-01-04');
  });

  it('outside a repository there is no log (undefined), and an unreadable version is skipped', async () => {
    fs.rmSync(path.join(dir, '.git'), { recursive: true, force: true });
    assert.strictEqual(await gitLog(dir, CODEBOOK_LOG_ARGS), undefined);
    const broken =
      '\x1eCOMMIT\x1fabc\x1fAnn\x1f2026-01-01T00:00:00Z\n\ndiff --git a/codeboom.json b/codeboom.json\n--- a/codeboom.json\n+++ b/codeboom.json\n@@ -1 +1 @@\n-{"codes":[]}\n+<<<<<<< ours\n';
    assert.strictEqual(codebookHistory(broken).size, 0);
  });
});
