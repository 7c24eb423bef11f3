/**
 * Re-anchoring on real interview transcripts (../shared/reference/transcripts, not part of the
 * repository): hard-wrapped text re-wrapped, lightly edited copies, and a study's real coded chunks.
 * Skips cleanly where the reference folder is absent.
 */
import * as assert from 'assert';
import * as fs from 'fs';
import * as path from 'path';
import { makeAnchor, reanchorAll } from '../../src/core/anchor';
import type { Anchor } from '../../src/core/anchor';
import { parseCsv } from './csvForTests';

const REF = path.resolve(__dirname, '../../../../shared/reference/transcripts');

/** Every 5th sentence of 40–400 characters, as codings. */
function sentenceAnchors(text: string): Anchor[] {
  const out: Anchor[] = [];
  const re = /[A-Z][^.?!]{38,398}[.?!]/g;
  let i = 0;
  for (const m of text.matchAll(re)) {
    if (i++ % 5 === 0) {
      out.push(makeAnchor(text, m.index!, m.index! + m[0].length));
    }
  }
  return out;
}

const norm = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('re-anchoring real transcripts (reference data)', function () {
  before(function () {
    if (!fs.existsSync(REF)) {
      console.log(`      (skipped: ${REF} is not here)`);
      this.skip();
    }
  });

  it('qc-demo-admin-1, re-wrapped: codings without a line break move exactly, the others are found fuzzily, none is lost', () => {
    const text = fs.readFileSync(path.join(REF, 'qc-demo-admin-1.txt'), 'utf8');
    const anchors = sentenceAnchors(text);
    const wrapped = anchors.filter((a) => a.quote.includes('\n')).length;
    // Unwrap: single line breaks inside paragraphs become spaces.
    const rewrapped = text.replace(/ ?\n(?!\n)/g, ' ');
    const report = reanchorAll(rewrapped, anchors);
    console.log(
      `      ${anchors.length} codings: unchanged ${report.unchanged}, moved ${report.moved}, fuzzy ${report.fuzzy}, orphaned ${report.orphaned}`,
    );
    assert.ok(anchors.length >= 40);
    assert.strictEqual(report.orphaned, 0);
    assert.strictEqual(report.unchanged + report.moved, anchors.length - wrapped);
    assert.strictEqual(report.fuzzy, wrapped);
    for (const { item, resolution } of report.results) {
      const got = norm(rewrapped.slice(resolution.start, resolution.end));
      assert.ok(got === norm(item.quote) || got.length >= norm(item.quote).length - 2, `${item.quote.slice(0, 40)} → ${got.slice(0, 40)}`);
    }
  });

  it('qc-demo-admin-1, lightly edited: typo fixes are fuzzy, deleted passages orphaned, the rest moved', () => {
    // The unwrapped text is the base here, so that edits and wraps are measured apart.
    const text = fs.readFileSync(path.join(REF, 'qc-demo-admin-1.txt'), 'utf8').replace(/ ?\n(?!\n)/g, ' ');
    const anchors = sentenceAnchors(text).slice(0, 60);
    let edited = 'Transcript reviewed by the interviewee; two passages withdrawn at their request.\n\n' + text;
    const deleted = anchors.filter((_, i) => i % 20 === 7);
    const typos = anchors.filter((a, i) => i % 6 === 1 && !deleted.includes(a));
    for (const a of typos) {
      // Swap two letters in the middle of the quote (a typo fixed the other way round).
      const mid = Math.floor(a.quote.length / 2);
      const fixed = a.quote.slice(0, mid) + a.quote[mid + 1] + a.quote[mid] + a.quote.slice(mid + 2);
      edited = edited.replace(a.quote, fixed);
    }
    for (const a of deleted) {
      edited = edited.replace(a.quote, '[withdrawn]');
    }
    const report = reanchorAll(edited, anchors);
    assert.ok(anchors.length >= 30);
    console.log(
      `      ${anchors.length} codings: unchanged ${report.unchanged}, moved ${report.moved}, fuzzy ${report.fuzzy}, orphaned ${report.orphaned}`,
    );
    const changedOnly = typos.length;
    assert.strictEqual(report.orphaned, deleted.length);
    assert.strictEqual(report.fuzzy, changedOnly);
    assert.strictEqual(report.moved, anchors.length - deleted.length - changedOnly);
  });

  it('scrum participant 1: the study’s own coded chunks (cleaned text) are found in the PDF text', () => {
    const text = fs.readFileSync(path.join(REF, 'scrum-participant-1-interview-A.txt'), 'utf8');
    const rows = parseCsv(fs.readFileSync(path.join(REF, 'scrum-quality-coded-data.csv'), 'utf8'));
    const header = rows[0];
    const doc = header.indexOf('document ID');
    const chunk = header.indexOf('text_chunk');
    const chunks = [
      ...new Set(
        rows
          .slice(1)
          .filter((r) => r[doc] === 'Participant 1')
          .map((r) => r[chunk].replace(/^"+|"+$/g, '').trim()),
      ),
    ].filter((c) => c.length >= 40);
    const anchors: Anchor[] = chunks.map((quote) => ({ start: 0, end: quote.length, quote, prefix: '', suffix: '' }));
    const report = reanchorAll(text, anchors);
    const found = anchors.length - report.orphaned;
    console.log(
      `      ${anchors.length} coded chunks: exact ${report.unchanged + report.moved}, fuzzy ${report.fuzzy}, not found ${report.orphaned}`,
    );
    assert.ok(anchors.length >= 5);
    assert.ok(found / anchors.length >= 0.7, `found ${found} of ${anchors.length}`);
    for (const { item, resolution } of report.results.filter((r) => r.resolution.status === 'fuzzy')) {
      // A fuzzy match must share most of its words with the chunk.
      const words = new Set(norm(text.slice(resolution.start, resolution.end)).toLowerCase().split(' '));
      const chunkWords = norm(item.quote).toLowerCase().split(' ');
      const shared = chunkWords.filter((w) => words.has(w)).length;
      assert.ok(shared / chunkWords.length >= 0.6, item.quote.slice(0, 60));
    }
  });
});
