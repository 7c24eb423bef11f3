/**
 * A transcript changed outside the editor (shortened by a git checkout, cut for anonymisation,
 * rewritten, emptied) never hides codings and never makes the study read-only: every coding is
 * found again from its quote or kept as an orphan, with its id, closed or open.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { StudyStore } from '../../src/core/store';
import { serializeCodingFile } from '../../src/core/serialize';
import type { Coding } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import type { MemoryFileSystem } from '../../src/core/port';
import { TRANSCRIPT_A, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

const CODES = ['mandaat', 'middelen', 'vertrouwen'];

/** A coding of [start, end) of the original transcript. */
function codingAt(id: string, start: number, end: number, code: string): Coding {
  return { id, doc: DOC, coder: 'eva', codes: [code], ...makeAnchor(TRANSCRIPT_A, start, end), created: '2020-10-06T10:00:00.000Z' };
}

const codingsArb = fc
  .array(fc.record({ a: fc.nat(), len: fc.integer({ min: 1, max: 60 }), code: fc.constantFrom(...CODES) }), { minLength: 1, maxLength: 12 })
  .map((rs) =>
    rs.map((r, i) => {
      const start = r.a % (TRANSCRIPT_A.length - 1);
      return codingAt(`c${i}`, start, Math.min(TRANSCRIPT_A.length, start + r.len), r.code);
    }),
  );

/** Edits made outside the editor: truncations, deletions, rewrites, emptying. */
type Change =
  | { kind: 'truncate'; at: number }
  | { kind: 'delete'; at: number; len: number }
  | { kind: 'rewrite'; at: number; len: number; text: string }
  | { kind: 'empty' };
const changeArb: fc.Arbitrary<Change> = fc.oneof(
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), len: fc.nat({ max: 200 }) }),
  fc.record({ kind: fc.constant('rewrite' as const), at: fc.nat(), len: fc.nat({ max: 80 }), text: fc.string({ maxLength: 40 }) }),
  fc.constant({ kind: 'empty' as const }),
);

function applyChange(text: string, c: Change): string {
  const at = c.kind === 'empty' ? 0 : c.at % (text.length + 1);
  switch (c.kind) {
    case 'truncate':
      return text.slice(0, at);
    case 'delete':
      return text.slice(0, at) + text.slice(at + c.len);
    case 'rewrite':
      return text.slice(0, at) + c.text + text.slice(at + c.len);
    case 'empty':
      return '';
  }
}

/** Every coding is there, with its id; each one is either an orphan or covers its quote in the text. */
function assertAllKept(codings: readonly Coding[], ids: readonly string[], text: string): void {
  assert.deepStrictEqual(codings.map((c) => c.id).sort(), [...ids].sort(), 'count before == count after, ids preserved');
  for (const c of codings) {
    if (!c.orphaned) {
      assert.ok(c.end <= text.length, `coding ${c.id} ends at ${c.end}, past the end (${text.length})`);
      assert.strictEqual(text.slice(c.start, c.end), c.quote, `coding ${c.id} is not an orphan but does not cover its quote`);
    }
  }
}

async function reopenAndCheck(fs: MemoryFileSystem, ids: readonly string[], text: string): Promise<void> {
  const again = await StudyStore.open(fs);
  assert.deepStrictEqual(
    again.problems.filter((p) => p.severity !== 'warning'),
    [],
  );
  assert.strictEqual(again.study.readOnly, false);
  assertAllKept(again.study.codingsOf(DOC), ids, text);
}

describe('data safety: transcripts shortened outside the editor', () => {
  it('a coding past the new end of a truncated transcript is orphaned; the study stays writable and shows every coding', async () => {
    const codings = [
      codingOn('geen mandaat', ['mandaat'], 'early'),
      codingOn('Het vertrouwen tussen de leden is groot', ['vertrouwen'], 'late'),
    ];
    const shortened = TRANSCRIPT_A.slice(0, TRANSCRIPT_A.indexOf('**Interviewer:** En het vertrouwen?'));
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', codings), [DOC]: shortened });
    const { store, study, problems } = await StudyStore.open(fs);
    assert.deepStrictEqual(
      problems.filter((p) => p.severity !== 'warning'),
      [],
    ); // a cut front matter is a warning only
    assert.strictEqual(study.readOnly, false);
    assert.strictEqual(study.codingCount, 2);
    assert.strictEqual(study.coding('late')!.orphaned, true);
    assert.strictEqual(study.coding('early')!.orphaned, undefined);
    await store.save();
    await reopenAndCheck(fs, ['early', 'late'], shortened);
    // The longer version comes back (git checkout): the orphan is found again at its place.
    fs.set(DOC, TRANSCRIPT_A);
    const back = await StudyStore.open(fs);
    assert.strictEqual(back.study.coding('late')!.orphaned, undefined);
    assert.strictEqual(back.study.coding('late')!.start, codings[1].start);
  });

  it('an emptied transcript orphans its codings and keeps them', async () => {
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('geen mandaat', ['mandaat'], 'one')]), [DOC]: '' });
    const { study, problems } = await StudyStore.open(fs);
    assert.deepStrictEqual(
      problems.filter((p) => p.severity !== 'warning'),
      [],
    ); // a cut front matter is a warning only
    assert.strictEqual(study.coding('one')!.orphaned, true);
  });

  it('a codings file pulled with offsets of a longer transcript version is re-anchored, not refused', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    const shortened = TRANSCRIPT_A.replace('**Interviewer:** Hoe wordt kennis gedeeld?\n\n', '');
    fs.set(DOC, shortened);
    await store.fileChanged(DOC);
    // A colleague coded the longer version; their file arrives before their transcript does.
    fs.set(
      EVA,
      serializeCodingFile(DOC, 'eva', [codingOn('Het vertrouwen tussen de leden is groot, dat helpt enorm.', ['vertrouwen'], 'v')]),
    );
    await store.fileChanged(EVA);
    assert.strictEqual(study.readOnly, false);
    assertAllKept(study.codingsOf(DOC), ['v'], shortened);
    assert.strictEqual(study.coding('v')!.orphaned, undefined, 'its quote is still there: found again');
  });

  it('property: closed study, transcript changed on disk, then opened: every coding found again or orphaned, none hidden', async () => {
    await fc.assert(
      fc.asyncProperty(codingsArb, fc.array(changeArb, { minLength: 1, maxLength: 4 }), async (codings, changes) => {
        const text = changes.reduce(applyChange, TRANSCRIPT_A);
        const ids = codings.map((c) => c.id);
        const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', codings), [DOC]: text });
        const { store, study, problems } = await StudyStore.open(fs);
        assert.deepStrictEqual(
          problems.filter((p) => p.severity !== 'warning'),
          [],
        ); // a cut front matter is a warning only
        assert.strictEqual(study.readOnly, false);
        assertAllKept(study.codingsOf(DOC), ids, text);
        await store.save();
        await reopenAndCheck(fs, ids, text);
      }),
      { numRuns: 150 },
    );
  });

  it('property: open study, transcript changed on disk and reported by the watcher: every coding found again or orphaned, none hidden', async () => {
    await fc.assert(
      fc.asyncProperty(codingsArb, fc.array(changeArb, { minLength: 1, maxLength: 4 }), async (codings, changes) => {
        const ids = codings.map((c) => c.id);
        const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', codings) });
        const { store, study } = await StudyStore.open(fs);
        let text = TRANSCRIPT_A;
        for (const change of changes) {
          text = applyChange(text, change);
          fs.set(DOC, text);
          await store.fileChanged(DOC);
          assert.strictEqual(study.readOnly, false);
          assertAllKept(study.codingsOf(DOC), ids, text);
          await store.save();
        }
        await reopenAndCheck(fs, ids, text);
      }),
      { numRuns: 100 },
    );
  });
});
