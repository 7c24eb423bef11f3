import * as assert from 'assert';
import { Study } from '../../src/core/study';
import type { Coding, TranscriptDocument } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import {
  attributeValues,
  citeQuotation,
  groupDocuments,
  quotationsOf,
  quotationsReport,
  reportFileName,
  reportFolder,
} from '../../src/core/quotations';
import { TRANSCRIPT_A, TRANSCRIPT_D, offsetOf, smallProject } from './helpers';

const A = 'transcripts/A-1.md';
const D = 'transcripts/D-1.md';
const B = 'transcripts/B-1.md';

function coding(id: string, doc: string, quote: string, codes: string[], extra: Partial<Coding> = {}): Coding {
  const text = doc === D ? TRANSCRIPT_D : TRANSCRIPT_A;
  const [s, e] = offsetOf(text, quote);
  return { id, doc, coder: 'eva', codes, ...makeAnchor(text, s, e), created: '2020-10-06T10:00:00.000Z', ...extra };
}

const docs: TranscriptDocument[] = [
  {
    path: A,
    attributes: { case: 'NDS', respondent: 'Respondent A', interview: 1, function_type: 'Uitvoering' },
    bodyStart: 0,
    length: TRANSCRIPT_A.length,
    title: 'A',
  },
  {
    path: B,
    attributes: { case: 'NDS', respondent: 'Respondent B', interview: 2, function_type: 'Beleid' },
    bodyStart: 0,
    length: TRANSCRIPT_A.length,
    title: 'B',
  },
  {
    path: D,
    attributes: { case: 'QIHR', respondent: 'Respondent D', interview: 1, function_type: 'Uitvoering' },
    bodyStart: 0,
    length: TRANSCRIPT_D.length,
    title: 'D',
  },
  { path: 'transcripts/X.md', attributes: {}, bodyStart: 0, length: 10, title: 'X' },
];

function study(): Study {
  return new Study(smallProject(), docs, [
    coding('d1', D, 'Quantum is complex', ['mandaat']),
    coding('a2', A, 'vertrouwen tussen de leden', ['hier'], { memo: 'sterk\ncitaat' }),
    coding('a1', A, 'Er is geen mandaat', ['mandaat', 'vertrouwen']),
    coding('b1', B, 'middelen en capaciteit', ['middelen']),
  ]);
}

describe('quotations (pure)', () => {
  it('lists a code’s quotations, with its subcodes on request, by transcript and position', () => {
    const s = study();
    assert.deepStrictEqual(
      quotationsOf(s, 'mandaat').map((q) => q.id),
      ['a1', 'd1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'hier').map((q) => q.id),
      ['a2'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'hier', { subtree: true }).map((q) => q.id),
      ['a1', 'a2', 'b1', 'd1'],
    );
    assert.deepStrictEqual(quotationsOf(s, 'nope'), []);
  });

  it('filters by case and by any attribute', () => {
    const s = study();
    assert.deepStrictEqual(
      quotationsOf(s, 'hier', { subtree: true, attributes: { case: 'NDS' } }).map((q) => q.id),
      ['a1', 'a2', 'b1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'hier', { subtree: true, attributes: { case: 'NDS', function_type: 'Beleid' } }).map((q) => q.id),
      ['b1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'hier', { subtree: true, attributes: { interview: '1' } }).map((q) => q.id),
      ['a1', 'a2', 'd1'],
    );
  });

  it('filters by coder, also together with an attribute; the report names the coder', () => {
    const s = study();
    s.transact('sam codes', [{ kind: 'addCoding', coding: coding('s1', A, 'Er is geen mandaat', ['mandaat'], { coder: 'sam' }) }]);
    assert.deepStrictEqual(
      quotationsOf(s, 'mandaat').map((q) => q.id),
      ['a1', 's1', 'd1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'mandaat', { coder: 'sam' }).map((q) => q.id),
      ['s1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'mandaat', { coder: 'eva' }).map((q) => q.id),
      ['a1', 'd1'],
    );
    assert.deepStrictEqual(
      quotationsOf(s, 'mandaat', { coder: 'eva', attributes: { case: 'QIHR' } }).map((q) => q.id),
      ['d1'],
    );
    assert.deepStrictEqual(quotationsOf(s, 'mandaat', { coder: 'nobody' }), []);
    const md = quotationsReport(s, 'mandaat', quotationsOf(s, 'mandaat', { coder: 'eva', attributes: { case: 'NDS' } }), {
      coder: 'eva',
      attributes: { case: 'NDS' },
    });
    const name = s.project.coders.find((c) => c.id === 'eva')?.name ?? 'eva';
    assert.ok(md.includes(`filter: case = NDS, coder = ${name}`), md.split('\n')[2]);
  });

  it('cites a quotation with its source', () => {
    const s = study();
    assert.strictEqual(citeQuotation(s, s.coding('a1')!), '“Er is geen mandaat” (Respondent A, interview 1)');
  });

  it('writes a Markdown report grouped by case and source', () => {
    const s = study();
    const q = quotationsOf(s, 'hier', { subtree: true });
    const md = quotationsReport(s, 'hier', q, { subtree: true, generated: '2021-02-14T12:00:00.000Z' });
    assert.match(md, /^# Quotations: hiërarchie\n/);
    assert.match(md, /4 quotations from 3 transcripts · including subcodes · generated 2021-02-14/);
    assert.ok(md.indexOf('## Case NDS — Netwerk Digitale Simulaties') < md.indexOf('## Case QIHR'));
    assert.match(
      md,
      /### Respondent A, interview 1\n\n`transcripts\/A-1.md`\n\n> Er is geen mandaat\n\n— Respondent A, interview 1 · eva · also: mandaat, vertrouwen/,
    );
    assert.match(md, /\*Memo:\* sterk citaat/);
    assert.ok(md.endsWith('\n') && !md.endsWith('\n\n'));
    const translated = quotationsReport(s, 'hier', [], {
      t: (m, ...a) => `[${m.replace(/\{(\d)\}/g, (_x, i: string) => String(a[Number(i)]))}]`,
    });
    assert.match(translated, /^# \[Quotations: hiërarchie\]/);
    assert.match(translated, /\[No quotations\.\]/);
  });

  it('keeps study text as text in the report (no markup, links or HTML of its own)', () => {
    const s = study();
    s.transact('hostile', [
      { kind: 'updateCode', id: 'mandaat', patch: { name: '<img src=x onerror=alert(1)> [klik](javascript:x) *vet*' } },
      { kind: 'updateCoding', id: 'a1', patch: { memo: '# kop\n<script>' } },
    ]);
    const md = quotationsReport(s, 'mandaat', quotationsOf(s, 'mandaat'));
    assert.ok(!/<img|<script|\]\(javascript/.test(md.replace(/\\[<\]]/g, '')), md);
    assert.match(md, /^# Quotations: hiërarchie › \\<img src=x onerror=alert\(1\)\\> \\\[klik\\\]\(javascript:x\) \\\*vet\\\*$/m);
    assert.match(md, /\*Memo:\* \\# kop \\<script\\>/);
  });

  it('names report files and keeps them out of the transcript folders', () => {
    assert.strictEqual(reportFileName('Hiërarchische inrichting / mandaat'), 'quotations-hierarchische-inrichting-mandaat.md');
    assert.strictEqual(reportFolder({ transcriptFolders: ['transcripts'] }), 'reports');
    assert.strictEqual(reportFolder({ transcriptFolders: ['.'] }), '.codeboom/reports');
    assert.strictEqual(reportFolder({ transcriptFolders: ['reports'] }), '.codeboom/reports');
  });

  it('groups transcripts by case (declared order first) or any attribute', () => {
    const s = study();
    assert.deepStrictEqual(
      groupDocuments(s, 'case').map((g) => [g.value, g.documents.map((d) => d.path)]),
      [
        ['NDS', [A, B]],
        ['QIHR', [D]],
        [undefined, ['transcripts/X.md']],
      ],
    );
    assert.deepStrictEqual(attributeValues(s, 'function_type'), ['Beleid', 'Uitvoering']);
    assert.deepStrictEqual(attributeValues(s, 'interview'), ['1', '2']);
  });
});
