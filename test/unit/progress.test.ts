/**
 * Coding progress (core/progress): per transcript × coder the respondent turns with a coding, the
 * codings and the last change; transcripts coded by two or more coders are ready for an agreement
 * check. The coded turns are checked against a character-by-character count of the same rule.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { makeAnchor } from '../../src/core/anchor';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { answers } from '../../src/core/navigation';
import type { Operation } from '../../src/core/study';
import { StudyStore } from '../../src/core/store';
import { agreementReady, codingProgress, lastChangesOfLog, progressTable } from '../../src/core/progress';
import { markdownDocument } from '../../src/core/exports/markdown';
import { TRANSCRIPT_A, smallStudyFs } from './helpers';

const DOC = 'transcripts/A-1.md';

async function openSmall() {
  const { study, store } = await StudyStore.open(smallStudyFs());
  return { study, store };
}

describe('core/progress: coding progress per transcript and coder', () => {
  it('counts a turn as coded when a coding of that coder shares a character with it (any codings, any coders)', async () => {
    const turns = answers(TRANSCRIPT_A, parseFrontMatter(TRANSCRIPT_A).bodyStart);
    assert.strictEqual(turns.length, 2);
    const body = parseFrontMatter(TRANSCRIPT_A).bodyStart;
    const coding = fc.record({
      coder: fc.constantFrom('ann', 'bob', 'cas'),
      start: fc.integer({ min: body, max: TRANSCRIPT_A.length - 2 }),
      length: fc.integer({ min: 1, max: 60 }),
      orphaned: fc.boolean(),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(coding, { maxLength: 8 }), async (list) => {
        const { study, store } = await openSmall();
        const ops: Operation[] = list.map((c, i) => {
          const end = Math.min(TRANSCRIPT_A.length, c.start + c.length);
          return {
            kind: 'addCoding',
            coding: {
              id: `c${i}`,
              doc: DOC,
              coder: c.coder,
              codes: ['mandaat'],
              ...makeAnchor(TRANSCRIPT_A, c.start, end),
              created: '2026-01-01T00:00:00Z',
              ...(c.orphaned ? { orphaned: true } : {}),
            },
          };
        });
        if (ops.length) {
          study.transact('add', ops);
        }
        const p = codingProgress(
          study,
          (d) => store.text(d),
          (_doc, coder) => `2026-02-0${coder.length}T10:00:00Z`,
        );
        const row = p.rows.find((r) => r.doc === DOC)!;
        assert.strictEqual(row.turns, 2);
        for (const cell of row.cells) {
          const live = list.filter((c) => c.coder === cell.coder && !c.orphaned);
          const covered = (i: number): boolean => live.some((c) => c.start <= i && i < Math.min(TRANSCRIPT_A.length, c.start + c.length));
          const expected = turns.filter((t) => {
            for (let i = t.start; i < t.end; i++) {
              if (covered(i)) {
                return true;
              }
            }
            return false;
          }).length;
          assert.strictEqual(cell.codedTurns, expected, cell.coder);
          assert.strictEqual(cell.codings, live.length);
          assert.strictEqual(cell.lastChange, live.length ? `2026-02-0${cell.coder.length}T10:00:00Z` : undefined);
        }
        const coders = new Set(list.filter((c) => !c.orphaned).map((c) => c.coder));
        assert.deepStrictEqual([...row.coders].sort(), [...coders].sort());
        assert.strictEqual(agreementReady(row), coders.size >= 2);
      }),
      { numRuns: 60 },
    );
  });

  it('makes one table row per transcript × coder, with the ready mark only for coders of a shared transcript', async () => {
    const { study, store } = await openSmall();
    const add = (id: string, coder: string, needle: string): Operation => {
      const i = TRANSCRIPT_A.indexOf(needle);
      return {
        kind: 'addCoding',
        coding: {
          id,
          doc: DOC,
          coder,
          codes: ['mandaat'],
          ...makeAnchor(TRANSCRIPT_A, i, i + needle.length),
          created: '2026-01-01T00:00:00Z',
        },
      };
    };
    study.transact('add', [add('a', 'ann', 'geen mandaat'), add('b', 'bob', 'vertrouwen tussen')]);
    const table = progressTable(codingProgress(study, (d) => store.text(d)));
    assert.strictEqual(table.rows.length, study.documents.length * 2);
    const ann = table.rows.find((r) => r[0] === DOC && r[1] === 'ann')!;
    assert.deepStrictEqual(ann.slice(2), [1, 2, 50, 1, '—', 'yes']);
    const other = table.rows.find((r) => r[0] !== DOC && r[1] === 'ann')!;
    assert.strictEqual(other[7], '');
    assert.match(markdownDocument('Coding progress', [table]), /\| transcripts\/A-1\.md \| ann \| 1 \| 2 \| 50 \| 1 \| — \| yes \|/);
  });

  it('reads the newest date of each codings file from git log --name-only output', () => {
    const log = [
      '',
      '2026-03-02T10:00:00+01:00\n\n.codeboom/codings/transcripts/A-1.md.ann.json\n',
      '2026-03-01T09:00:00+01:00\n\n.codeboom/codings/transcripts/A-1.md.ann.json\n.codeboom/codings/transcripts/A-1.md.bob.json\n',
    ].join('\x1e');
    const m = lastChangesOfLog(log);
    assert.strictEqual(m.get('.codeboom/codings/transcripts/A-1.md.ann.json'), '2026-03-02T10:00:00+01:00');
    assert.strictEqual(m.get('.codeboom/codings/transcripts/A-1.md.bob.json'), '2026-03-01T09:00:00+01:00');
  });
});
