/**
 * The member-check document: its text is the transcript's (front matter out, `**` markers out),
 * every coding a comment over its passage; the .docx read back with mammoth has that text; the
 * HTML holds the code names beside the passages; pseudonymised when a list is given.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import * as path from 'path';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { buildMemberCheck, memberCheckCodes, memberCheckHtml, memberCheckInput, memberCheckText } from '../../src/core/memberCheck';
import type { MemberCheckDocument } from '../../src/core/memberCheck';
import { makeAnchor } from '../../src/core/anchor';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { decodeText } from '../../src/core/port';
import { memberCheckDocx } from '../../src/platform/docxWriter';
import { readDocxWithMammoth } from '../../src/platform/docxText';
import type { Code, Coding } from '../../src/core/model';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

/** What a reader sees of a transcript: the body, blocks between blank lines, `**` markers out. */
function readerText(text: string): string {
  const body = text.slice(parseFrontMatter(text).bodyStart);
  return body
    .split(/\r?\n[ \t]*\r?\n\s*/)
    .map((b) => b.trim().replace(/\r\n/g, '\n').replace(/\*\*/g, ''))
    .filter((b) => b !== '')
    .join('\n\n');
}

/** Every comment's passage, as the runs between its open and close. */
function passages(doc: MemberCheckDocument): Map<number, string> {
  const open = new Map<number, string>();
  const done = new Map<number, string>();
  doc.paragraphs.forEach((p, pi) => {
    p.runs.forEach((r, ri) => {
      for (const id of r.opens) {
        open.set(id, '');
      }
      for (const id of open.keys()) {
        open.set(id, open.get(id)! + (ri === 0 && pi > 0 && open.get(id) !== '' ? '\n\n' : r.lineBreakBefore ? '\n' : '') + r.text);
      }
      for (const id of r.closes) {
        done.set(id, open.get(id)!);
        open.delete(id);
      }
    });
  });
  return done;
}

describe('member check', () => {
  it('the .docx of a sample transcript, read back with mammoth, has the transcript’s text; each coding is a comment on its passage', async () => {
    const { study, store } = await StudyStore.open(new NodeFileSystem(SAMPLE));
    const doc = study.documents[0].path;
    const input = memberCheckInput({ study, text: (d) => store.text(d), memo: () => 'Klopt dit?' }, { transcript: doc }, undefined);
    const model = buildMemberCheck(input);
    const expected = `${study.sourceLabel(doc)}\n\n${readerText(store.text(doc)!)}`;
    assert.strictEqual(memberCheckText(model), expected);
    const codings = study.codingsOf(doc).filter((c) => !c.orphaned);
    assert.strictEqual(model.comments.length, codings.length);
    const bytes = await memberCheckDocx(model);
    const back = (await readDocxWithMammoth(bytes)).trim();
    assert.ok(back.startsWith(expected), 'the document starts with the transcript');
    assert.ok(back.includes('Klopt dit?'), 'the researcher’s question');
    const html = decodeText(memberCheckHtml(model));
    for (const c of codings) {
      assert.ok(html.includes(study.code(c.codes[0])!.name.replace(/&/g, '&amp;')), c.id);
    }
  });

  it('a respondent’s member check holds all their transcripts; pseudonymised, no listed name remains', async () => {
    const { study, store } = await StudyStore.open(new NodeFileSystem(SAMPLE));
    const respondent = study.respondentOf(study.documents[0].path)!;
    const list = { entries: [{ term: 'Interviewer', replacement: 'Onderzoeker' }] };
    const model = buildMemberCheck(memberCheckInput({ study, text: (d) => store.text(d), memo: () => undefined }, { respondent }, list));
    const text = memberCheckText(model);
    const docs = study.documents.filter((d) => study.respondentOf(d.path) === respondent);
    assert.ok(docs.length >= 1);
    assert.ok(!/\bInterviewer\b/.test(text));
    assert.match(text, /Onderzoeker:/);
    assert.ok(model.pseudonymised);
  });

  it('only some codes: a code (by id or name) with the codes under it; an unknown code is refused', async () => {
    const { study, store } = await StudyStore.open(new NodeFileSystem(SAMPLE));
    const parent = study.codes.find((c) => c.parent === undefined && study.children(c.id).length > 0)!;
    const only = memberCheckCodes(study, [parent.name.toUpperCase()])!;
    assert.deepStrictEqual([...only].sort(), study.subtree(parent.id).sort());
    const names = new Set(study.subtree(parent.id).map((id) => study.code(id)!.name));
    const respondent = study.respondentOf(study.documents[0].path)!;
    const model = buildMemberCheck(
      memberCheckInput({ study, text: (d) => store.text(d), memo: () => undefined }, { respondent }, undefined, only),
    );
    assert.ok(model.comments.length > 0);
    for (const c of model.comments) {
      assert.ok(
        c.codes.every((n) => names.has(n)),
        c.codes.join(', '),
      );
    }
    assert.throws(() => memberCheckCodes(study, ['geen-code']), /geen-code/);
  });

  it('property: every comment covers exactly its coding’s text (markers out), in any transcript', () => {
    const word = fc.constantFrom('Jan', 'de', '**Vries:**', 'kennis', 'delen', '.', 'Ok');
    const block = fc.array(word, { minLength: 1, maxLength: 8 }).map((ws) => ws.join(' '));
    const body = fc.array(block, { minLength: 1, maxLength: 6 }).map((bs) => bs.join('\n\n'));
    fc.assert(
      fc.property(body, fc.array(fc.tuple(fc.nat(), fc.nat()), { maxLength: 5 }), (text, spans) => {
        const codes: Code[] = [{ id: 'c1', name: 'Kennis', color: '#123456' }];
        const codings: Coding[] = spans.map(([a, b], i) => {
          const s = a % (text.length + 1);
          const e = Math.min(text.length, s + (b % 30));
          return { id: `k${i}`, doc: 't.md', coder: 'me', codes: ['c1'], created: '2026', ...makeAnchor(text, s, e) };
        });
        const model = buildMemberCheck({ title: 'T', codes, transcripts: [{ path: 't.md', label: 'T', text, codings }] });
        assert.strictEqual(memberCheckText(model), `T\n\n${readerText(text)}`);
        // Each coding over visible text is one comment whose passage is that text; one over markers or blank lines only is none.
        const visible = (t: string) => t.replace(/[*\s]/g, '');
        const shown = codings.filter((c) => visible(c.quote) !== '');
        const got = passages(model);
        assert.strictEqual(model.comments.length, shown.length);
        assert.strictEqual(got.size, shown.length);
        const sorted = [...shown].sort((a, b) => a.start - b.start || b.end - a.end);
        sorted.forEach((c, i) => assert.strictEqual(visible(got.get(i)!), visible(c.quote), c.id));
      }),
    );
  });
});
