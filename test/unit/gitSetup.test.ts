/**
 * A study's git set-up: the `.gitattributes` lines (kept, never duplicated), the driver command's
 * quoting, and `codeboom setup-git` / the warning of `codeboom validate` with the real git binary.
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { GIT_ATTRIBUTE_LINES, driverCommand, gitAttributesText, missingAttributeLines } from '../../src/core/gitSetup';
import { serializeProject } from '../../src/core/serialize';
import { run } from './cliRun';
import { smallProject } from './helpers';

function git(cwd: string, ...args: string[]): string {
  return execFileSync('git', args, { cwd, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } });
}

describe('git set-up of a study', () => {
  it('adds only the missing attribute lines and keeps every existing line', () => {
    const line = fc.constantFrom('*.png binary', '# mine', '', ...GIT_ATTRIBUTE_LINES, 'codeboom.json   merge=codeboom  text eol=lf');
    fc.assert(
      fc.property(fc.array(line, { maxLength: 6 }), fc.boolean(), (lines, crlf) => {
        const existing = lines.join(crlf ? '\r\n' : '\n');
        const text = gitAttributesText(existing);
        assert.ok(text.startsWith(existing));
        assert.deepStrictEqual(missingAttributeLines(text), []);
        assert.strictEqual(gitAttributesText(text), text);
        for (const l of GIT_ATTRIBUTE_LINES) {
          // Added once when missing, never again when there (whatever its spacing).
          const count = (t: string): number => t.split(/\r?\n/).filter((x) => x.trim().split(/\s+/).join(' ') === l).length;
          assert.strictEqual(count(text), Math.max(1, count(existing)), l);
        }
      }),
    );
  });

  it('quotes the driver program for the shell git runs it with', () => {
    assert.strictEqual(driverCommand(['npx', 'codeboom']), 'npx codeboom merge-driver %O %A %B %P');
    assert.strictEqual(
      driverCommand(['ELECTRON_RUN_AS_NODE=1', '/Applications/Visual Studio Code.app/x', 'C:\\a $b\\cli.js']),
      'ELECTRON_RUN_AS_NODE=1 "/Applications/Visual Studio Code.app/x" "C:\\\\a \\$b\\\\cli.js" merge-driver %O %A %B %P',
    );
  });
});

describe('codeboom setup-git and the warning of validate (real git)', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-setup-'));
    fs.mkdirSync(path.join(dir, 'studie/transcripts'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'studie/codeboom.json'), serializeProject(smallProject()));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('outside a repository: no warning, and setup-git says git init first', async () => {
    const v = await run('validate', path.join(dir, 'studie'));
    assert.strictEqual(v.code, 0, v.err);
    assert.doesNotMatch(v.err, /git/);
    const s = await run('setup-git', path.join(dir, 'studie'));
    assert.strictEqual(s.code, 1);
    assert.match(s.err, /not in a git repository \(git init first\)/);
  });

  it('in a repository: validate warns until setup-git wrote .gitattributes and the driver', async () => {
    git(dir, 'init', '-q');
    const study = path.join(dir, 'studie');
    const before = await run('validate', study);
    assert.strictEqual(before.code, 0, before.err);
    assert.match(before.err, /warning: this study is in a git repository without Codeboom's merge set-up/);
    assert.match(before.err, /git config merge\.codeboom\.driver/);
    fs.writeFileSync(path.join(study, '.gitattributes'), '*.png binary\n');
    const s = await run('setup-git', study);
    assert.strictEqual(s.code, 0, s.err);
    assert.match(fs.readFileSync(path.join(study, '.gitattributes'), 'utf8'), /^\*\.png binary\n[\s\S]*codeboom\.json merge=codeboom/);
    assert.match(git(study, 'check-attr', 'merge', 'eol', '--', '.codeboom/codings/t/a.md.anna.json'), /merge: codeboom[\s\S]*eol: lf/);
    assert.match(git(study, 'config', 'merge.codeboom.driver'), /bin\.js"? merge-driver %O %A %B %P/);
    const after = await run('validate', study);
    assert.strictEqual(after.code, 0, after.err);
    assert.doesNotMatch(after.err, /warning/);
    assert.match((await run('setup-git', study)).err, /already set: \.gitattributes/);
  });
});
