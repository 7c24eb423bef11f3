/**
 * `codeboom check-pseudonyms`, `codeboom export member-check` and a confidential study's exports,
 * on copies of the sample study in temp folders, with the key file beside the study (its default
 * place) or given with --key. One run as a real process (dist-free: the compiled CLI).
 */
import * as assert from 'assert';
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { run } from './cliRun';
import { readDocxWithMammoth } from '../../src/platform/docxText';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

/** A copy of the sample study in a new temp folder (`<tmp>/kennisdeling`); returns the study folder. */
function sampleCopy(): string {
  const parent = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-privacy-'));
  const dir = path.join(parent, 'kennisdeling');
  fs.cpSync(SAMPLE, dir, { recursive: true });
  return dir;
}

function writeKey(file: string, entries: Array<{ term: string; replacement: string }>): void {
  fs.writeFileSync(file, JSON.stringify({ version: 1, entries }));
}

describe('CLI check-pseudonyms', () => {
  it('passes on the sample study with a list of names it does not hold (--key)', async () => {
    const key = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-key-')), 'key.json');
    writeKey(key, [
      { term: 'Jan de Vries', replacement: 'Person A' },
      { term: 'jan@example.nl', replacement: '[e-mail]' },
    ]);
    const r = await run('check-pseudonyms', SAMPLE, '--key', key);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /ok: none of the 2 listed names remains/);
  });

  it('fails (exit 1) when a listed name remains, naming the place and the pseudonym but never the name; the key beside the study is found', async () => {
    const dir = sampleCopy();
    writeKey(path.join(dir, '..', 'kennisdeling.pseudonyms.json'), [{ term: 'Defensie', replacement: '[ministerie]' }]);
    const r = await run('check-pseudonyms', dir);
    assert.strictEqual(r.code, 1, r.err);
    assert.match(r.out, /^transcripts\/[A-G]-\d\.md:\d+:\d+: a name listed for “\[ministerie\]” is still there$/m);
    assert.ok(!r.out.includes('Defensie'), 'the real name is not printed');
    assert.match(r.err, /listed names remain/);
  });

  it('finds a listed name in a .qdpx archive and a member-check .docx given; no list at all is exit 1', async () => {
    const dir = sampleCopy();
    const out = path.dirname(dir);
    const qdpx = path.join(out, 'study.qdpx');
    const e = await run('export', 'qdpx', dir, '--out', qdpx);
    assert.strictEqual(e.code, 0, e.err);
    const key = path.join(out, 'k.json');
    // "Respondent A" occurs in the sample: as if it were a real name, in the archive and the transcripts.
    writeKey(key, [{ term: 'Respondent A', replacement: 'Person A' }]);
    const r = await run('check-pseudonyms', dir, '--key', key, qdpx);
    assert.strictEqual(r.code, 1);
    assert.match(r.out, /study\.qdpx: [^:]+:\d+:\d+: a name listed for “Person A”/);
    const none = await run('check-pseudonyms', dir);
    assert.strictEqual(none.code, 1);
    assert.match(none.err, /no pseudonym list at .*kennisdeling\.pseudonyms\.json/);
  });

  it('runs as a real process: the exit code is the check’s', () => {
    const key = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-key-')), 'key.json');
    writeKey(key, [{ term: 'Interviewer', replacement: 'Onderzoeker' }]);
    const bin = path.resolve(__dirname, '../../src/cli/bin.js');
    let code = 0;
    try {
      execFileSync(process.execPath, [bin, 'check-pseudonyms', SAMPLE, '--key', key], { stdio: 'pipe' });
    } catch (err) {
      code = (err as { status: number }).status;
    }
    assert.strictEqual(code, 1);
  });
});

describe('CLI export member-check', () => {
  it('writes a respondent’s .docx, pseudonymised with the key beside the study; mammoth reads their transcripts back', async () => {
    const dir = sampleCopy();
    writeKey(path.join(dir, '..', 'kennisdeling.pseudonyms.json'), [{ term: 'Defensie', replacement: '[ministerie]' }]);
    const out = path.join(path.dirname(dir), 'member-check.docx');
    const r = await run('export', 'member-check', dir, '--respondent', 'Respondent A', '--out', out);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.err, /pseudonymised/);
    const text = await readDocxWithMammoth(new Uint8Array(fs.readFileSync(out)));
    assert.match(text, /Respondent A:/);
    assert.ok(!text.includes('Defensie'));
    const check = await run('check-pseudonyms', dir, out);
    assert.strictEqual(check.out.includes('member-check.docx'), false, check.out);
    const html = path.join(path.dirname(dir), 'member-check.html');
    const h = await run('export', 'member-check', dir, '--transcript', 'transcripts/A-1.md', '--out', html);
    assert.strictEqual(h.code, 0, h.err);
    assert.match(fs.readFileSync(html, 'utf8'), /<aside>/);
  });

  it('refuses without --respondent or --transcript, and an unknown respondent', async () => {
    const none = await run('export', 'member-check', SAMPLE, '--out', path.join(os.tmpdir(), 'x.docx'));
    assert.strictEqual(none.code, 2);
    const unknown = await run('export', 'member-check', SAMPLE, '--respondent', 'Niemand', '--out', path.join(os.tmpdir(), 'x.docx'));
    assert.strictEqual(unknown.code, 1, unknown.err);
    assert.match(unknown.err, /Niemand/);
  });
});

describe('CLI confidential study', () => {
  it('refuses every export until the check passes; --override exports and writes the reason into the header', async () => {
    const dir = sampleCopy();
    const project = JSON.parse(fs.readFileSync(path.join(dir, 'codeboom.json'), 'utf8'));
    fs.writeFileSync(path.join(dir, 'codeboom.json'), JSON.stringify({ ...project, confidential: true }, null, 2));
    const refused = await run('export', 'codebook', dir);
    assert.strictEqual(refused.code, 1);
    assert.match(refused.err, /confidential and has no pseudonym list/);
    const key = path.join(dir, '..', 'kennisdeling.pseudonyms.json');
    writeKey(key, [{ term: 'Defensie', replacement: '[ministerie]' }]);
    const still = await run('export', 'qdpx', dir, '--out', path.join(dir, '..', 'x.qdpx'));
    assert.strictEqual(still.code, 1);
    assert.match(still.err, /listed names remain/);
    assert.ok(!fs.existsSync(path.join(dir, '..', 'x.qdpx')));
    const over = await run('export', 'codebook', dir, '--override', 'own archive');
    assert.strictEqual(over.code, 0, over.err);
    assert.match(over.out, /^> \*\*Confidential study exported without a passing pseudonym check \(override: own archive\)\.\*\*/);
    const xlsx = path.join(dir, '..', 'm.xlsx');
    const bin = await run('export', 'matrix', dir, '--format', 'xlsx', '--out', xlsx, '--override', 'supervisor');
    assert.strictEqual(bin.code, 0, bin.err);
    assert.match(fs.readFileSync(`${xlsx}.override.txt`, 'utf8'), /override: supervisor/);
    writeKey(key, [{ term: 'Jan de Vries', replacement: 'Person A' }]);
    const passes = await run('export', 'codebook', dir);
    assert.strictEqual(passes.code, 0, passes.err);
    assert.ok(!passes.out.includes('override'));
  });
});
