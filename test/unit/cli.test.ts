import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { main } from '../../src/cli';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

async function run(...argv: string[]): Promise<{ code: number; out: string; err: string }> {
  let out = '';
  let err = '';
  const code = await main(argv, { out: (t) => (out += t + '\n'), err: (t) => (err += t + '\n') });
  return { code, out, err };
}

describe('CLI (codeboom)', () => {
  it('validates the sample study', async () => {
    const r = await run('validate', SAMPLE);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(r.out, /^ok: Kennisdeling .* 14 transcripts, 31 codes, 346 codings/);
  });

  it('prints statistics as JSON', async () => {
    const r = await run('stats', SAMPLE, '--json');
    const s = JSON.parse(r.out);
    assert.deepStrictEqual([s.transcripts, s.codes, s.codings, s.literatureFactors], [14, 31, 346, 62]);
    assert.deepStrictEqual(s.codingsPerCoder, { eva: 309, sam: 37 });
  });

  it('exits 1 with the file and JSON path of a problem, 2 on a usage error', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-'));
    fs.cpSync(SAMPLE, tmp, { recursive: true });
    const file = path.join(tmp, '.codeboom/codings/transcripts/B-1.md.eva.json');
    const json = JSON.parse(fs.readFileSync(file, 'utf8'));
    json.codings[1].end = 'x';
    fs.writeFileSync(file, JSON.stringify(json));
    const r = await run('validate', tmp);
    assert.strictEqual(r.code, 1);
    assert.match(r.err, /problem: \.codeboom\/codings\/transcripts\/B-1\.md\.eva\.json: codings\[1\]\.end: /);
    assert.strictEqual((await run('frobnicate')).code, 2);
    assert.strictEqual((await run('export', 'nothing', SAMPLE)).code, 2);
    assert.strictEqual((await run('validate', path.join(tmp, 'transcripts'))).code, 1);
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('exports the agreement report to a file, atomically', async () => {
    const out = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-cli-')), 'agreement.md');
    const r = await run('export', 'agreement', SAMPLE, '--out', out);
    assert.strictEqual(r.code, 0, r.err);
    assert.match(fs.readFileSync(out, 'utf8'), /^# Intercoder agreement: eva × sam/);
  });
});
