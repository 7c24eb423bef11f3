import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import fc from 'fast-check';
import { agreement } from '../../src/core/agreement';
import { alphaFamily } from '../../src/core/intercoder/family';
import { agreementChoiceFromWords } from '../../src/core/intercoder/choice';
import { teamInclusion, teamMarkdown, teamMethodsParagraph } from '../../src/core/intercoder/team';
import { Study } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { run } from './cliRun';

// Issue 22: a team's report says what the pair's does (§1, §2), and the roll-up holds for any number of coders.
const FRONT = '---\na: 1\n---\n';
const B = FRONT.length;
const TEXT = FRONT + 'x'.repeat(100);
const CODES: Code[] = [
  { id: 'p', name: 'p', color: '#000000' },
  { id: 'c1', name: 'c1', color: '#000000', parent: 'p' },
  { id: 'c2', name: 'c2', color: '#000000', parent: 'p' },
  { id: 'q', name: 'q', color: '#000000' },
];
let n = 0;
const c = (doc: string, coder: string, code: string, start: number, end: number, orphaned = false): Coding => ({
  id: `t${++n}`,
  doc,
  coder,
  codes: [code],
  start: B + start,
  end: B + end,
  quote: '',
  prefix: '',
  suffix: '',
  created: 't',
  ...(orphaned ? { orphaned } : {}),
});
const docOf = (p: string): TranscriptDocument => ({ path: p, attributes: {}, bodyStart: B, length: TEXT.length, title: p });
const studyOf = (docs: string[], codings: Coding[]): Study => new Study({ ...emptyProject('t'), codes: CODES }, docs.map(docOf), codings);
const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

describe('intercoder agreement of a team of three or more', () => {
  it('lists every transcript with why it is in or out and how far each coder got, the orphans per coder, and a methods paragraph', () => {
    const study = studyOf(
      ['a.md', 'b.md', 'c.md', 'd.md'],
      [
        c('a.md', 'eva', 'c1', 0, 20),
        c('a.md', 'sam', 'c1', 0, 20),
        c('a.md', 'lin', 'c1', 0, 10),
        c('a.md', 'lin', 'q', 50, 60, true),
        c('b.md', 'eva', 'c1', 0, 20),
        c('c.md', 'eva', 'c1', 0, 50),
        c('c.md', 'lin', 'c2', 0, 50),
        c('d.md', 'eva', 'q', 0, 10),
        c('d.md', 'sam', 'q', 0, 10),
      ],
    );
    const f = alphaFamily(study, { coders: ['eva', 'sam', 'lin'], docs: ['a.md', 'b.md', 'c.md'] });
    assert.deepStrictEqual(
      teamInclusion(study, f).map((t) => [t.doc, t.reason]),
      [
        ['a.md', 'coded-by-two-or-more'],
        ['b.md', 'coded-by-fewer'],
        ['c.md', 'coded-by-two-or-more'],
        ['d.md', 'not-chosen'],
      ],
    );
    const md = teamMarkdown(study, f, () => TEXT);
    assert.match(md, /\| a\.md \| included: coded by 3 of the 3 coders \| 1 coding, up to 20\.0 % of the text \|/);
    assert.match(md, /\| 1 coding, up to 10\.0 % of the text \(left out: 1 orphaned\) \|/);
    assert.match(md, /\| c\.md \| included: coded by 2 of the 3 coders \|/);
    assert.match(md, /\| b\.md \| left out: coded by fewer than two of the coders \|/);
    assert.match(md, /\| d\.md \| left out: not chosen \|/);
    assert.match(md, /Orphaned codings left out of the included transcripts: eva: 0, sam: 0, lin: 1\./);
    assert.match(md, /- A parent code’s row counts only the codings with that code itself/);
    const paragraph = teamMethodsParagraph(study, f);
    assert.match(
      paragraph,
      /^Intercoder agreement was assessed for 3 coders \(eva, sam, lin\) on 2 transcripts at least two of them coded \(a\.md; c\.md\)/,
    );
    assert.match(paragraph, /Per semantic domain \(2 domains\), Krippendorff’s α-binary was /);
    assert.ok(md.includes(`> ${paragraph}`));
  });

  it('says its counts in the singular and the plural', async () => {
    const { methodsParagraph } = await import('../../src/core/agreement');
    const one = studyOf(['a.md'], [c('a.md', 'eva', 'c1', 0, 20), c('a.md', 'sam', 'c1', 0, 10), c('a.md', 'sam', 'q', 50, 60, true)]);
    const r = agreement(one, 'eva', 'sam', () => TEXT, { domains: ['p'] });
    const paragraph = methodsParagraph(one, r);
    assert.match(paragraph, /on 1 transcript both coded \(a\.md\)\. .*for each of 1 code, /);
    assert.match(paragraph, /1 code applied to no counted text was left out/);
    assert.match(paragraph, /Per semantic domain \(1 domain\), /);
  });

  it('two coders: per code and per transcript the family’s α is the pair’s, directly and rolled up (property)', () => {
    const coding = fc.record({
      doc: fc.constantFrom('a.md', 'b.md'),
      coder: fc.constantFrom('eva', 'sam'),
      code: fc.constantFrom('p', 'c1', 'c2', 'q'),
      start: fc.integer({ min: 0, max: 80 }),
      len: fc.integer({ min: 1, max: 30 }),
    });
    fc.assert(
      fc.property(fc.array(coding, { maxLength: 14 }), fc.boolean(), (list, rollUp) => {
        const study = studyOf(
          ['a.md', 'b.md'],
          list.map((x) => c(x.doc, x.coder, x.code, x.start, x.start + x.len)),
        );
        const pair = agreement(study, 'eva', 'sam', () => TEXT, { rollUp });
        const f = pair.family;
        for (const p of pair.perCode.filter((x) => x.figures.undefinedReason === undefined)) {
          const got = f.perCode.find((x) => x.code === p.code);
          assert.ok(got && Math.abs(got.alpha.alpha - p.figures.alpha) < 1e-9, `${p.code} rollUp ${rollUp}`);
        }
        // the passages are the pair's disagreements
        assert.deepStrictEqual(
          f.passages.map((x) => [x.doc, x.code, x.start, x.end, x.applied[0]]).sort(),
          pair.disagreements.map((x) => [x.doc, x.code, x.start, x.end, x.coder]).sort(),
        );
      }),
    );
  });

  it('chooses the method from words; the CLI puts the segment figures first and refuses them for three coders', async () => {
    const study = studyOf(['a.md'], []);
    assert.deepStrictEqual(agreementChoiceFromWords(study, { method: 'Segments', overlap: '80%' }), {
      value: { method: 'segments', overlap: 0.8 },
    });
    assert.deepStrictEqual(agreementChoiceFromWords(study, { method: 'units' }), {
      error: '--method "units" must be characters or segments',
    });
    const seg = await run('export', 'agreement', SAMPLE, '--method', 'segments', '--overlap', '75');
    assert.strictEqual(seg.code, 0, seg.err);
    assert.ok(seg.out.indexOf('## Segment-based agreement (overlap ≥ 75.0 %)') < seg.out.indexOf('## Per code'));
    assert.match(seg.out, /In the segment-based check .* at least 75\.0 %\), \d+ of \d+ segments matched \(\d+\.\d %\)/);
    // links are relative to the file written
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-agree-'));
    try {
      const out = path.join(dir, 'deep', 'report.md');
      fs.mkdirSync(path.dirname(out));
      const written = await run('export', 'agreement', SAMPLE, '--out', out);
      assert.strictEqual(written.code, 0, written.err);
      const md = fs.readFileSync(out, 'utf8');
      const link = /\]\(([^)#]+)#L(\d+)\)/.exec(md)!;
      const target = path.resolve(path.dirname(out), decodeURIComponent(link[1]));
      assert.ok(fs.existsSync(target), `${link[1]} resolves to a transcript`);
      assert.ok(fs.readFileSync(target, 'utf8').split('\n').length >= Number(link[2]));
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
