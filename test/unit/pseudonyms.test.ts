import * as assert from 'assert';
import * as fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import { makeAnchor } from '../../src/core/anchor';
import type { Code, Coding } from '../../src/core/model';
import {
  PseudonymListSchema,
  checkPseudonyms,
  findCandidates,
  firstNameVariant,
  mapOffset,
  selfMatchingEntries,
  planPseudonymisation,
  type PseudonymList,
  type PseudonymSource,
} from '../../src/core/pseudonyms';
import { Study } from '../../src/core/study';
import type { CodingPatch, Operation } from '../../src/core/study/operations';
import { TRANSCRIPT_A, smallProject } from './helpers';

function coding(id: string, doc: string, text: string, start: number, end: number, memo?: string): Coding {
  return { id, doc, coder: 'me', codes: ['c1'], created: '2026-01-01', ...makeAnchor(text, start, end), ...(memo ? { memo } : {}) };
}

function source(codings: readonly Coding[], codes: readonly Code[] = []): PseudonymSource {
  return { codes, codingsOf: (doc) => codings.filter((c) => c.doc === doc) };
}

function applyOps(codings: readonly Coding[], ops: readonly Operation[]): Coding[] {
  const patches = new Map<string, CodingPatch>();
  for (const op of ops) {
    if (op.kind === 'updateCoding') {
      patches.set(op.id, { ...patches.get(op.id), ...op.patch });
    }
  }
  return codings.map((c) => ({ ...c, ...patches.get(c.id) }));
}

const list = (entries: PseudonymList['entries']): PseudonymList => PseudonymListSchema.parse({ entries });

describe('pseudonyms: matching', () => {
  const jan = list([{ term: 'Jan de Vries', replacement: 'Respondent A', variants: ['Jan'] }]);

  it('matches variants and possessive forms, case-insensitively, on whole words only', () => {
    const text = "Jan de Vries zei: jan's idee, Jans plan, Jan’s boek. Janssen en Jantje niet; JAN wel.";
    const plan = planPseudonymisation(source([]), [{ path: 'a.md', text }], jan);
    assert.deepStrictEqual(
      plan.transcripts[0].replacements.map((r) => [r.old, r.new]),
      [
        ['Jan de Vries', 'Respondent A'],
        ["jan's", "Respondent A's"],
        ['Jans', "Respondent A's"],
        ['Jan’s', 'Respondent A’s'],
        ['JAN', 'Respondent A'],
      ],
    );
    assert.strictEqual(
      plan.transcripts[0].text,
      "Respondent A zei: Respondent A's idee, Respondent A's plan, Respondent A’s boek. Janssen en Jantje niet; Respondent A wel.",
    );
    assert.deepStrictEqual(checkPseudonyms(jan, [{ path: 'a.md', text: plan.transcripts[0].text }]), []);
  });

  it('honours caseSensitive and wholeWord: false, and an apostrophe after a final s', () => {
    const l = list([
      { term: 'Vries', replacement: 'X', caseSensitive: true },
      { term: 'Utrecht', replacement: '[gemeente]', wholeWord: false },
    ]);
    const text = "Vries' huis, vries niet, Utrechtse zaken.";
    const [t] = planPseudonymisation(source([]), [{ path: 'a.md', text }], l).transcripts;
    assert.strictEqual(t.text, "X' huis, vries niet, [gemeente]se zaken.");
  });

  it('offers the first name of a multi-word name as a variant, and reports what is left with its place', () => {
    assert.strictEqual(firstNameVariant('Jan de Vries'), 'Jan');
    assert.strictEqual(firstNameVariant('Jan'), undefined);
    const left = checkPseudonyms(jan, [{ path: 'b.md', text: 'Zoals Jan zei.' }]);
    assert.deepStrictEqual(left, [{ path: 'b.md', offset: 6, text: 'Jan', term: 'Jan de Vries' }]);
  });
});

describe('pseudonyms: terms with punctuation', () => {
  it('matches terms with regular-expression characters literally', () => {
    const l = list([
      { term: 'CIO-Raad', replacement: '[raad]' },
      { term: 'J.de Vries (sr.)', replacement: 'R' },
      { term: 'a+b*c?[d]{e}|f^g$h\\i/j', replacement: 'S' },
    ]);
    const text = 'De CIO-Raads besluit, J.de Vries (sr.) en a+b*c?[d]{e}|f^g$h\\i/j; niet CIOXRaad.';
    const [t] = planPseudonymisation(source([]), [{ path: 'a.md', text }], l).transcripts;
    assert.strictEqual(t.text, "De [raad]'s besluit, R en S; niet CIOXRaad.");
  });
});

describe('pseudonyms: list problems', () => {
  it('names entries whose replacement contains a listed term', () => {
    const l = list([
      { term: 'Jan', replacement: 'Jan X' },
      { term: 'Piet', replacement: 'Respondent B' },
      { term: 'Respondent', replacement: 'R' },
    ]);
    assert.deepStrictEqual(selfMatchingEntries(l), ['Jan', 'Piet']);
  });
});

describe('pseudonyms: plan keeps codings on their words', () => {
  it('shifts, resizes and extends codings; pseudonymises memos and codebook text, not code names', () => {
    const l = list([{ term: 'Jan de Vries', replacement: 'R1', variants: ['Jan'] }]);
    const text = 'Eerst Jan de Vries.\r\nDan zei Jan: ja.';
    const before = text.indexOf('Dan');
    const straddle = text.indexOf('de Vries');
    const codings = [
      coding('k1', 'a.md', text, before, text.length, 'Jan twijfelde'),
      coding('k2', 'a.md', text, straddle, straddle + 8),
      coding('k3', 'a.md', text, 0, 5),
    ];
    const codes: Code[] = [{ id: 'c1', name: 'Jan', color: '#000', definition: 'Wat Jan vindt', memo: 'geen' }];
    const plan = planPseudonymisation(source(codings, codes), [{ path: 'a.md', text }], l);
    const newText = plan.transcripts[0].text;
    assert.strictEqual(newText, 'Eerst R1.\r\nDan zei R1: ja.');
    const after = applyOps(codings, plan.operations);
    assert.strictEqual(after[0].quote, 'Dan zei R1: ja.');
    assert.strictEqual(after[0].memo, 'R1 twijfelde');
    assert.strictEqual(after[1].quote, 'R1', 'a coding over part of the name extends over the whole replacement');
    assert.strictEqual(after[2].quote, 'Eerst');
    const k3 = plan.operations.find((op) => op.kind === 'updateCoding' && op.id === 'k3');
    assert.deepStrictEqual(k3, { kind: 'updateCoding', id: 'k3', patch: { suffix: newText.slice(5, 37) } }, 'only its context changed');
    assert.deepStrictEqual(
      plan.operations.filter((op) => op.kind === 'updateCode'),
      [{ kind: 'updateCode', id: 'c1', patch: { definition: 'Wat R1 vindt' } }],
    );
  });

  it('maps offsets at replacement boundaries as documented', () => {
    const rs = [{ offset: 4, length: 3, old: 'Jan', new: 'R' }];
    assert.strictEqual(mapOffset(4, rs, 'start'), 4);
    assert.strictEqual(mapOffset(7, rs, 'end'), 5);
    assert.strictEqual(mapOffset(5, rs, 'start'), 4);
    assert.strictEqual(mapOffset(5, rs, 'end'), 5);
    assert.strictEqual(mapOffset(9, rs, 'start'), 7);
  });

  // Terms use letters (with an astral one and upper case); replacements use Q and digits, which no
  // term contains, so nothing of a name can remain or be formed anew.
  const letter = fc.constantFrom('a', 'b', 'é', 'A', 'B', '𝒜');
  const termArb = fc.array(letter, { minLength: 1, maxLength: 3 }).map((cs) => cs.join(''));
  const entryArb = fc.record({
    term: fc.array(termArb, { minLength: 1, maxLength: 2 }).map((ws) => ws.join(' ')),
    variants: fc.option(fc.array(termArb, { maxLength: 2 }), { nil: undefined }),
    wholeWord: fc.option(fc.boolean(), { nil: undefined }),
    caseSensitive: fc.option(fc.boolean(), { nil: undefined }),
  });
  const listArb = fc
    .array(entryArb, { minLength: 1, maxLength: 4 })
    .map((es) => list(es.map((e, i) => ({ ...e, replacement: `Q${i}${'9'.repeat(i)}` }))));
  const piece = fc.oneof(letter, termArb, fc.constantFrom(' ', ' ', '\r\n', '\n', "'s", '’', 's', '.', '😀', 'x', '1', '**'));
  const textArb = fc.array(piece, { maxLength: 60 }).map((ps) => ps.join(''));

  it('property: every coding covers the same words, its quote is the new text, and no name is left', () => {
    fc.assert(
      fc.property(textArb, listArb, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 6 }), (text, l, spans) => {
        const codings = spans.map(([a, b], i) => {
          const s = a % (text.length + 1);
          const e = s + (b % (text.length - s + 1));
          return coding(`k${i}`, 't.md', text, s, e, i % 2 ? text.slice(s, e) : undefined);
        });
        const plan = planPseudonymisation(source(codings), [{ path: 't.md', text }], l);
        const t = plan.transcripts[0];
        const newText = t?.text ?? text;
        const rs = t?.replacements ?? [];
        for (const c of applyOps(codings, plan.operations)) {
          const old = codings.find((o) => o.id === c.id)!;
          // The old range, widened over replacements that straddle its ends.
          let s = old.start;
          let e = old.end;
          for (const r of rs) {
            if (r.offset < s && s < r.offset + r.length) s = r.offset;
            if (r.offset < e && e < r.offset + r.length) e = r.offset + r.length;
          }
          let expected = '';
          let at = s;
          for (const r of rs.filter((x) => x.offset >= s && x.offset + x.length <= e)) {
            expected += text.slice(at, r.offset) + r.new;
            at = r.offset + r.length;
          }
          expected += text.slice(at, e);
          assert.strictEqual(newText.slice(c.start, c.end), expected);
          assert.deepStrictEqual({ ...c }, { ...c, ...makeAnchor(newText, c.start, c.end) });
          assert.deepStrictEqual(checkPseudonyms(l, [{ path: 'memo', text: c.memo ?? '' }]), []);
        }
        assert.deepStrictEqual(checkPseudonyms(l, [{ path: 't.md', text: newText }]), []);
      }),
      {
        numRuns: 300,
        // Found by this property: "ba" (a variant of "a") overlapping "bb" hid the "a" after it.
        examples: [
          [
            'bba',
            {
              entries: [
                { term: 'bb', replacement: 'Q0', variants: undefined, wholeWord: false, caseSensitive: undefined },
                { term: 'a', replacement: 'Q19', variants: ['ba'], wholeWord: false, caseSensitive: undefined },
              ],
            },
            [],
          ],
        ],
      },
    );
  });
});

describe('pseudonyms: operations on a real study', () => {
  it('applies as one transaction and undoes to the codings before', () => {
    const doc = { path: 'a.md', attributes: {}, bodyStart: 0, length: TRANSCRIPT_A.length, title: 'A' };
    const at = TRANSCRIPT_A.indexOf('Er is geen mandaat');
    const codings = [coding('k1', 'a.md', TRANSCRIPT_A, at, at + 30, 'Respondent A aarzelt')];
    const study = new Study(smallProject(), [doc], codings);
    const l = list([
      { term: 'Respondent A', replacement: 'R1' },
      { term: 'middelen', replacement: 'M' },
    ]);
    const plan = planPseudonymisation(study, [{ path: 'a.md', text: TRANSCRIPT_A }], l);
    const newText = plan.transcripts[0].text;
    study.transact('pseudonymise', plan.operations);
    const moved = study.coding('k1')!;
    assert.strictEqual(moved.quote, TRANSCRIPT_A.slice(at, at + 30));
    assert.ok(moved.start < at, 'moved by the shorter speaker labels before it');
    assert.strictEqual(newText.slice(moved.start, moved.end), moved.quote);
    assert.strictEqual(moved.memo, 'R1 aarzelt');
    assert.strictEqual(study.code('middelen')?.name, 'middelen', 'code names stay');
    study.undo();
    assert.deepStrictEqual(study.coding('k1'), codings[0]);
  });
});

describe('pseudonyms: candidates', () => {
  it('finds names, e-mail, phone numbers, postcodes and speaker labels with counts and context', () => {
    const text = [
      '**Interviewer:** Goedemiddag. Ik sprak eerder met Jan de Vries van de Gemeente Utrecht.',
      '**Respondent A:** Ja. Mail me op jan.devries@utrecht.nl of bel 06-12345678, +31 6 1234 5678 of 020-1234567.',
      'Het adres is Stadsplateau 1, 3521 AZ Utrecht. Jan de Vries weet dat.',
    ].join('\r\n');
    const found = findCandidates([{ path: 'x.md', text }]);
    const get = (kind: string, t: string) => found.find((c) => c.kind === kind && c.text === t);
    assert.strictEqual(get('name', 'Jan de Vries')?.count, 2);
    assert.ok(get('name', 'Gemeente Utrecht'));
    assert.ok(get('email', 'jan.devries@utrecht.nl'));
    for (const phone of ['06-12345678', '+31 6 1234 5678', '020-1234567']) {
      assert.ok(get('phone', phone), phone);
    }
    assert.ok(get('postcode', '3521 AZ'));
    assert.strictEqual(get('speaker', 'Respondent A')?.count, 1);
    assert.ok(!get('name', 'Goedemiddag') && !get('name', 'Ja') && !get('name', 'Het'), 'sentence-initial single words are skipped');
    assert.ok(!get('name', 'Respondent A'), 'a speaker label is only a speaker');
    assert.match(get('name', 'Jan de Vries')!.places[0].context, /met Jan de Vries van/);
  });

  it('lists the speakers and names of the sample study', () => {
    const dir = path.join(__dirname, '../../../sample/kennisdeling/transcripts');
    const texts = fs.readdirSync(dir).map((f) => ({ path: f, text: fs.readFileSync(path.join(dir, f), 'utf8') }));
    const found = findCandidates(texts);
    const speakers = found.filter((c) => c.kind === 'speaker').map((c) => c.text);
    assert.ok(speakers.includes('Interviewer') && speakers.includes('Respondent A'), speakers.join());
    const interviewer = found.find((c) => c.kind === 'speaker' && c.text === 'Interviewer')!;
    assert.ok(interviewer.count > 20 && interviewer.places.length === 3);
    assert.ok(found.some((c) => c.kind === 'name' && c.text === 'Netwerk Digitale Simulaties'));
  });
});
