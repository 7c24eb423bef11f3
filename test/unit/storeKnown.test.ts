import * as assert from 'assert';
import * as fc from 'fast-check';
import { StudyStore } from '../../src/core/store';
import { KnownFiles, sameCodings } from '../../src/core/store/known';
import { serializeCodingFile } from '../../src/core/serialize';
import { makeAnchor } from '../../src/core/anchor';
import type { Coding } from '../../src/core/model';
import { TRANSCRIPT_A, smallStudyFs } from './helpers';

const DOC = 'transcripts/A-1.md';
const PATH = '.codeboom/codings/transcripts/A-1.md.eva.json';
const CODES = ['hier', 'mandaat', 'middelen', 'vertrouwen', 'complex'];
const BODY = TRANSCRIPT_A.indexOf('# Interview');

const codingArb = (i: number) =>
  fc
    .record({
      start: fc.integer({ min: BODY, max: TRANSCRIPT_A.length - 40 }),
      len: fc.integer({ min: 1, max: 30 }),
      codes: fc.uniqueArray(fc.constantFrom(...CODES), { minLength: 1, maxLength: 3 }),
      memo: fc.option(fc.string({ maxLength: 8 }), { nil: undefined }),
    })
    .map(({ start, len, codes, memo }): Coding => ({
      id: `c${i}`,
      doc: DOC,
      coder: 'eva',
      codes,
      ...makeAnchor(TRANSCRIPT_A, start, start + len),
      created: '2020-10-06T10:00:00.000Z',
      ...(memo === undefined ? {} : { memo }),
    }));

const codingsArb = fc.integer({ min: 1, max: 6 }).chain((n) => fc.tuple(...Array.from({ length: n }, (_, i) => codingArb(i))));

interface Layout {
  readonly indent: number | string;
  readonly reverseKeys: boolean;
  readonly dropEmpty: boolean;
  readonly reverseRecords: boolean;
}

/** A layout Codeboom does not write itself: another indent, keys in another order, empty anchors left out. */
const layoutArb: fc.Arbitrary<Layout> = fc.record({
  indent: fc.constantFrom(0, 1, 4, '\t'),
  reverseKeys: fc.boolean(),
  dropEmpty: fc.boolean(),
  reverseRecords: fc.boolean(),
});

function writeInLayout(codings: readonly Coding[], layout: Layout): string {
  const records = codings.map(({ doc: _d, coder: _c, ...r }) => {
    let entries = Object.entries(r).filter(([k, v]) => !(layout.dropEmpty && (k === 'prefix' || k === 'suffix') && v === ''));
    if (layout.reverseKeys) {
      entries = entries.reverse();
    }
    return Object.fromEntries(entries);
  });
  const file = { schemaVersion: 1, document: DOC, coder: 'eva', codings: layout.reverseRecords ? records.reverse() : records };
  return JSON.stringify(file, null, layout.indent);
}

describe("study store: the base of others' changes is kept as records, not as text", () => {
  it('a file in any layout with the same records is unchanged; one changed record is a change', () => {
    fc.assert(
      fc.property(codingsArb, layoutArb, layoutArb, fc.nat(), (codings, l1, l2, which) => {
        const known = new KnownFiles();
        known.setCodings(PATH, { document: DOC, coder: 'eva', codings });
        assert.ok(known.same(PATH, serializeCodingFile(DOC, 'eva', codings)), 'as Codeboom writes it');
        assert.ok(known.same(PATH, writeInLayout(codings, { ...l1, reverseRecords: false })), 'another layout, same order');
        const changed = codings.map((c, i) => (i === which % codings.length ? { ...c, memo: (c.memo ?? '') + 'x' } : c));
        assert.ok(!known.same(PATH, writeInLayout(changed, l2)), 'a changed memo');
        assert.ok(!known.same(PATH, undefined), 'deleted');
        assert.ok(!sameCodings(changed, codings));
      }),
      { numRuns: 150 },
    );
  });

  it('opened from a file in any layout: the same file again is ignored, an outside change is merged with ours, nothing lost', async () => {
    await fc.assert(
      fc.asyncProperty(codingsArb, layoutArb, layoutArb, async (codings, l1, l2) => {
        const fs = smallStudyFs({ [PATH]: writeInLayout(codings, l1) });
        const { store, study, problems } = await StudyStore.open(fs);
        assert.deepStrictEqual(problems, []);
        assert.deepStrictEqual((await store.fileChanged(PATH)).kind, 'ignored');
        // The same records in another layout (a colleague's editor reformatted it): nothing to take in.
        // (Records in another order are a change, taken in as before.)
        fs.set(PATH, writeInLayout(codings, { ...l2, reverseRecords: l1.reverseRecords }));
        assert.deepStrictEqual((await store.fileChanged(PATH)).kind, 'ignored');
        // Ours: a memo on the first record. Theirs, on disk, not taken in yet: a memo on the last one (when there are two).
        study.transact('memo', [{ kind: 'updateCoding', id: 'c0', patch: { memo: 'ours' } }]);
        const last = codings[codings.length - 1];
        const theirs = codings.length > 1 ? codings.map((c) => (c === last ? { ...c, memo: 'theirs' } : c)) : codings;
        fs.set(PATH, writeInLayout(theirs, l2));
        const { written, merged } = await store.save();
        assert.deepStrictEqual(written, [PATH]);
        assert.deepStrictEqual(merged, codings.length > 1 ? [PATH] : []);
        const again = await StudyStore.open(fs);
        assert.strictEqual(again.study.coding('c0')?.memo, 'ours');
        if (codings.length > 1) {
          assert.strictEqual(again.study.coding(last.id)?.memo, 'theirs');
        }
        assert.strictEqual(again.study.codingCount, codings.length);
        // What we wrote is recognised as ours when the watcher reports it.
        assert.deepStrictEqual((await store.fileChanged(PATH)).kind, 'ignored');
      }),
      { numRuns: 60 },
    );
  });
});
