import * as assert from 'assert';
import * as fc from 'fast-check';
import { answers, isInterviewer, nextCoding, nextUncodedAnswer } from '../../src/core/navigation';
import type { Span } from '../../src/core/navigation';

const spans = fc.array(
  fc
    .record({ start: fc.nat(500), length: fc.integer({ min: 1, max: 80 }), orphaned: fc.boolean() })
    .map(({ start, length, orphaned }): Span => ({ start, end: start + length, orphaned: orphaned || undefined })),
  { maxLength: 40 },
);

const liveStarts = (list: readonly Span[]) => [...new Set(list.filter((c) => !c.orphaned).map((c) => c.start))].sort((a, b) => a - b);

describe('core/navigation: next and previous coding', () => {
  it('goes to the nearest coding start after the offset, or wraps to the first', () => {
    fc.assert(
      fc.property(spans, fc.integer({ min: -1, max: 600 }), (list, offset) => {
        const starts = liveStarts(list);
        const t = nextCoding(list, offset, 1);
        if (starts.length === 0) {
          assert.strictEqual(t, undefined);
          return;
        }
        assert.ok(t);
        assert.ok(starts.includes(t.start));
        const later = starts.filter((s) => s > offset);
        assert.strictEqual(t.wrapped, later.length === 0);
        assert.strictEqual(t.start, later.length ? later[0] : starts[0]);
        const longest = Math.max(...list.filter((c) => !c.orphaned && c.start === t.start).map((c) => c.end));
        assert.strictEqual(t.end, longest);
      }),
    );
  });

  it('goes to the nearest coding start before the offset, or wraps to the last', () => {
    fc.assert(
      fc.property(spans, fc.integer({ min: -1, max: 600 }), (list, offset) => {
        const starts = liveStarts(list);
        const t = nextCoding(list, offset, -1);
        if (starts.length === 0) {
          assert.strictEqual(t, undefined);
          return;
        }
        const earlier = starts.filter((s) => s < offset);
        assert.strictEqual(t!.wrapped, earlier.length === 0);
        assert.strictEqual(t!.start, earlier.length ? earlier[earlier.length - 1] : starts[starts.length - 1]);
      }),
    );
  });

  it('visits every coding start once, in order, before it wraps (both directions)', () => {
    fc.assert(
      fc.property(spans, (list) => {
        const starts = liveStarts(list);
        for (const direction of [1, -1] as const) {
          const seen: number[] = [];
          let offset = direction === 1 ? -1 : Number.MAX_SAFE_INTEGER;
          for (let i = 0; i < starts.length; i++) {
            const t = nextCoding(list, offset, direction)!;
            assert.strictEqual(t.wrapped, false);
            seen.push(t.start);
            offset = t.start;
          }
          assert.deepStrictEqual(seen, direction === 1 ? starts : [...starts].reverse());
          if (starts.length) {
            assert.strictEqual(nextCoding(list, offset, direction)!.wrapped, true);
          }
        }
      }),
    );
  });
});

const TEXT = [
  '---',
  'respondent: Respondent E',
  '---',
  '',
  '**Interviewer:** Wat doet u?',
  '',
  '**Respondent E:** Ik werk bij de hub.',
  '',
  '**Interviewer 2:** En daarna?',
  '',
  '**Respondent E:** [00:12:34] Toen ging ik weg.',
  '',
  '**I:** Dank u.',
  '',
  '**Jan:** Graag gedaan.',
  '',
].join('\n');

describe('core/navigation: answers and the next uncoded answer', () => {
  it('finds the respondents’ turns, without labels, time markers or the interviewer’s questions', () => {
    const found = answers(TEXT).map((t) => TEXT.slice(t.start, t.end));
    assert.deepStrictEqual(found, ['Ik werk bij de hub.', 'Toen ging ik weg.', 'Graag gedaan.']);
  });

  it('tells interviewers from respondents', () => {
    for (const s of ['Interviewer', 'interviewer 2', 'Interviewster', 'Onderzoeker', 'I', 'Q', 'Interviewer (Jan)', 'Researcher']) {
      assert.ok(isInterviewer(s), s);
    }
    for (const s of ['Respondent E', 'Jan', 'Respondent', 'R', 'Ingrid', 'Iris', 'Interviewee']) {
      assert.ok(!isInterviewer(s), s);
    }
  });

  it('skips coded answers and wraps round', () => {
    const turns = answers(TEXT);
    const coding = { start: turns[1].start + 2, end: turns[1].start + 6 };
    const first = nextUncodedAnswer(turns, [coding], 0)!;
    assert.strictEqual(first.start, turns[0].start);
    const second = nextUncodedAnswer(turns, [coding], first.start)!;
    assert.deepStrictEqual(second, { start: turns[2].start, end: turns[2].end, wrapped: false });
    assert.deepStrictEqual(nextUncodedAnswer(turns, [coding], turns[2].start), { ...first, wrapped: true });
    assert.strictEqual(nextUncodedAnswer(turns, [coding, ...turns], 0), undefined);
    assert.strictEqual(nextUncodedAnswer(turns, [{ ...turns[0], orphaned: true }], 0)!.start, turns[0].start, 'orphans code nothing');
  });

  it('lands on the first uncoded answer after the offset, whatever the codings', () => {
    const turns = fc.array(fc.record({ gap: fc.nat(20), length: fc.integer({ min: 1, max: 60 }) }), { maxLength: 20 }).map((list) => {
      let at = 0;
      return list.map(({ gap, length }) => {
        const start = at + gap;
        at = start + length + 2;
        return { speaker: 'R', start, end: start + length };
      });
    });
    fc.assert(
      fc.property(turns, spans, fc.integer({ min: -1, max: 700 }), (list, codings, offset) => {
        const live = codings.filter((c) => !c.orphaned);
        const open = list.filter((t) => !live.some((c) => c.start < t.end && c.end > t.start));
        const t = nextUncodedAnswer(list, codings, offset);
        if (open.length === 0) {
          assert.strictEqual(t, undefined);
          return;
        }
        const after = open.filter((x) => x.start > offset);
        const expected = after[0] ?? open[0];
        assert.deepStrictEqual(t, { start: expected.start, end: expected.end, wrapped: after.length === 0 });
      }),
    );
  });
});
