/**
 * The `codeboom` executable as a real process: output to a pipe arrives whole, however slowly the
 * reader reads, and the exit status is the command's (never 0 after a cut).
 */
import * as assert from 'assert';
import { spawn } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';

const CLI = path.resolve(__dirname, '../../src/cli/bin.js');

/** A study with `n` codes with long definitions: its codebook exports are megabytes. */
function bigStudy(n: number): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-big-'));
  fs.mkdirSync(path.join(dir, 'transcripts'));
  const codes = Array.from({ length: n }, (_, i) => ({
    id: `c${i}`,
    name: `Code ${i}`,
    ...(i % 10 ? { parent: `c${i - (i % 10)}` } : {}),
    color: '#1f77b4',
    definition: `Definition ${i}: ${'een passage over kennisdeling in een community of practice; '.repeat(6)}`,
  }));
  fs.writeFileSync(
    path.join(dir, 'codeboom.json'),
    JSON.stringify({ schemaVersion: 1, name: 'Big', transcriptFolders: ['transcripts'], codes }, null, 2),
  );
  return dir;
}

interface Run {
  readonly code: number | null;
  readonly out: Buffer;
  readonly err: string;
}

/** Runs the CLI with its standard output read slowly: a pause after every chunk. */
function runSlowly(argv: readonly string[], pauseMs: number): Promise<Run> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CLI, ...argv], { stdio: ['ignore', 'pipe', 'pipe'] });
    const chunks: Buffer[] = [];
    let err = '';
    child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
    child.stdout.on('data', (d: Buffer) => {
      chunks.push(d);
      child.stdout.pause();
      setTimeout(() => child.stdout.resume(), pauseMs);
    });
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, out: Buffer.concat(chunks), err }));
  });
}

describe('CLI as a process: output to a slow pipe is never cut', function () {
  this.timeout(60_000);
  let dir: string;
  before(() => {
    dir = bigStudy(2500);
  });
  after(() => fs.rmSync(dir, { recursive: true, force: true }));

  for (const [what, format] of [
    ['qdc', undefined],
    ['codebook', 'md'],
  ] as const) {
    it(`export ${what}${format ? ` --format ${format}` : ''}: every byte of a > 1 MB export arrives, exit 0`, async () => {
      const date = ['--date', '2024-05-01T12:00:00', '--edited-by', 'Eva'];
      const args = ['export', what, dir, ...(format ? ['--format', format] : []), ...(what === 'codebook' ? date : [])];
      const file = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-out-')), `out.${format ?? what}`);
      const written = await runSlowly([...args, '--out', file], 0);
      assert.strictEqual(written.code, 0, written.err);
      const expected = fs.readFileSync(file);
      assert.ok(expected.length > 1024 * 1024, `the export is only ${expected.length} bytes`);
      const piped = await runSlowly(args, 3);
      assert.strictEqual(piped.code, 0, piped.err);
      assert.strictEqual(piped.out.length, expected.length + (expected.at(-1) === 0x0a ? 0 : 1));
      assert.ok(piped.out.subarray(0, expected.length).equals(expected), 'the piped bytes differ from the file');
    });
  }

  it('a study with a problem exits 1 after all of a large output is read', async () => {
    const broken = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-big-'));
    fs.cpSync(dir, broken, { recursive: true });
    // Front matter that is not YAML: a warning, the study still opens and exports.
    fs.writeFileSync(path.join(broken, 'transcripts/A-1.md'), '---\ncase: [unclosed\n---\n\nText.\n');
    const r = await runSlowly(['export', 'qdc', broken], 3);
    fs.rmSync(broken, { recursive: true, force: true });
    assert.ok(r.out.length > 1024 * 1024, `only ${r.out.length} bytes arrived`);
    assert.match(r.out.toString('utf8'), /<\/CodeBook>\n$/);
    assert.match(r.err, /A-1\.md/);
    assert.strictEqual(r.code, 1, r.err);
  });

  it('a reader that stops early: the CLI ends quietly with the status of a broken pipe (141), no stack trace', async () => {
    const r = await new Promise<{ code: number | null; err: string }>((resolve, reject) => {
      const child = spawn(process.execPath, [CLI, 'export', 'qdc', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
      let err = '';
      child.stderr.on('data', (d: Buffer) => (err += d.toString('utf8')));
      child.stdout.once('data', () => child.stdout.destroy());
      child.on('error', reject);
      child.on('close', (code) => resolve({ code, err }));
    });
    assert.strictEqual(r.code, 141, r.err);
    assert.doesNotMatch(r.err, /Error|at /);
  });
});
