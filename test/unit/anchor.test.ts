import * as assert from 'assert';
import * as fc from 'fast-check';
import { makeAnchor, reanchor, reanchorAll, transformRange } from '../../src/core/anchor';

describe('anchors: live edits', () => {
  it('keeps typing at the boundaries outside and inside the range inside', () => {
    assert.deepStrictEqual(transformRange(10, 20, { start: 10, end: 10, newLength: 3 }), { start: 13, end: 23 });
    assert.deepStrictEqual(transformRange(10, 20, { start: 20, end: 20, newLength: 3 }), { start: 10, end: 20 });
    assert.deepStrictEqual(transformRange(10, 20, { start: 15, end: 15, newLength: 3 }), { start: 10, end: 23 });
    assert.deepStrictEqual(transformRange(10, 20, { start: 0, end: 5, newLength: 0 }), { start: 5, end: 15 });
  });

  it('shrinks on partial deletion and reports total deletion', () => {
    assert.deepStrictEqual(transformRange(10, 20, { start: 5, end: 15, newLength: 2 }), { start: 7, end: 12 });
    assert.deepStrictEqual(transformRange(10, 20, { start: 15, end: 25, newLength: 0 }), { start: 10, end: 15 });
    assert.strictEqual(transformRange(10, 20, { start: 8, end: 22, newLength: 1 }), undefined);
  });

  // Each character carries an identity; after random edits a range must cover exactly the
  // surviving characters it covered before (plus characters typed strictly inside it).
  it('property: a coding covers exactly the surviving text after random edit sequences', () => {
    type Ch = { id: number; inside: boolean };
    const editArb = fc.record({ pos: fc.nat(), del: fc.nat({ max: 12 }), ins: fc.nat({ max: 6 }) });
    fc.assert(
      fc.property(fc.integer({ min: 20, max: 120 }), fc.nat(), fc.nat(), fc.array(editArb, { maxLength: 25 }), (len, a, b, edits) => {
        let s = a % len;
        let e = s + 1 + (b % (len - s));
        let doc: Ch[] = Array.from({ length: len }, (_, i) => ({ id: i, inside: i >= s && i < e }));
        let alive = true;
        let nextId = len;
        for (const ed of edits) {
          const start = ed.pos % (doc.length + 1);
          const end = Math.min(doc.length, start + ed.del);
          const inserted: Ch[] = Array.from({ length: ed.ins }, () => ({ id: nextId++, inside: false }));
          const wasAlive = alive;
          if (alive) {
            const r = transformRange(s, e, { start, end, newLength: ed.ins });
            // Spec: typed text joins the range only when it lands strictly inside it.
            const joins = s < start && e > start && e >= end;
            for (const ch of inserted) {
              ch.inside = joins;
            }
            if (!r) {
              alive = false;
            } else {
              s = r.start;
              e = r.end;
            }
          }
          doc = [...doc.slice(0, start), ...inserted, ...doc.slice(end)];
          if (alive) {
            const covered = doc.slice(s, e).map((c) => c.id);
            const expected = doc.filter((c) => c.inside).map((c) => c.id);
            if (JSON.stringify(covered) !== JSON.stringify(expected)) {
              return false;
            }
          } else if (wasAlive && doc.some((c) => c.inside)) {
            // Declared orphaned although some of its text survived.
            return false;
          }
        }
        return true;
      }),
      { numRuns: 2000 },
    );
  });
});

describe('anchors: re-anchoring after external edits', () => {
  const text = 'Er is geen mandaat om besluiten te nemen. Ook ontbreekt het aan middelen en capaciteit. Het vertrouwen is groot.';

  it('finds an unchanged quote in place', () => {
    const [s, e] = [text.indexOf('middelen'), text.indexOf('middelen') + 8];
    assert.deepStrictEqual(reanchor(text, makeAnchor(text, s, e)), { status: 'unchanged', start: s, end: e });
  });

  it('finds a moved quote exactly', () => {
    const a = makeAnchor(text, text.indexOf('middelen'), text.indexOf('middelen') + 8);
    const edited = 'Inleiding toegevoegd. ' + text;
    const r = reanchor(edited, a);
    assert.strictEqual(r.status, 'moved');
    assert.strictEqual(edited.slice(r.start, r.end), 'middelen');
  });

  it('picks the occurrence with the matching context when the quote repeats', () => {
    const t = 'het vertrouwen is laag. En toch: het vertrouwen is groot.';
    const second = t.lastIndexOf('vertrouwen');
    const a = makeAnchor(t, second, second + 'vertrouwen'.length);
    const edited = 'Nieuw. ' + t;
    const r = reanchor(edited, a);
    assert.strictEqual(r.start, edited.lastIndexOf('vertrouwen'));
  });

  it('finds a quote fuzzily after a typo fix and a re-wrap', () => {
    const quote = 'Ook ontbreekt het aan middelen en capaciteit.';
    const a = makeAnchor(text, text.indexOf(quote), text.indexOf(quote) + quote.length);
    const edited = text.replace('ontbreekt het aan', 'ontbreekt het\naan').replace('capaciteit', 'capacitiet');
    const r = reanchor(edited, a);
    assert.strictEqual(r.status, 'fuzzy');
    assert.strictEqual(edited.slice(r.start, r.end).replace('\n', ' '), 'Ook ontbreekt het aan middelen en capacitiet.');
  });

  it('orphans a quote whose text is gone', () => {
    const quote = 'Ook ontbreekt het aan middelen en capaciteit.';
    const a = makeAnchor(text, text.indexOf(quote), text.indexOf(quote) + quote.length);
    assert.strictEqual(reanchor(text.replace(quote, ''), a).status, 'orphaned');
  });

  it('emoji before a coding shift it by their UTF-16 length and are found again exactly', () => {
    const a = makeAnchor(text, text.indexOf('vertrouwen'), text.indexOf('vertrouwen') + 10);
    const edited = '🙂👍🏽 ' + text;
    const r = reanchor(edited, a);
    assert.strictEqual(edited.slice(r.start, r.end), 'vertrouwen');
  });

  it('re-anchors many codings after one insertion using the predicted shift', () => {
    const sentences = Array.from({ length: 300 }, (_, i) => `Zin nummer ${i} gaat over het onderwerp ${i * 7} van dit gesprek.`);
    const t = sentences.join(' ');
    const anchors = sentences.map((s) => makeAnchor(t, t.indexOf(s), t.indexOf(s) + s.length));
    const edited = t.slice(0, 1003) + 'INGEVOEGD ' + t.slice(1003);
    const report = reanchorAll(edited, anchors);
    assert.strictEqual(report.orphaned, 0);
    assert.strictEqual(report.fuzzy, 1, 'only the sentence the insertion split is inexact');
    for (const { item, resolution } of report.results) {
      assert.strictEqual(edited.slice(resolution.start, resolution.end).replace('INGEVOEGD ', ''), item.quote);
    }
  });
});
