import * as assert from 'assert';
import * as path from 'path';
import fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Coding, ProjectData, TranscriptDocument } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import {
  codeCounts,
  codingsOfSubtrees,
  deleteCode,
  factorEvidence,
  linkFactors,
  mergeCodes,
  moveCodes,
  reorderOps,
  setFactorLinks,
  siblingNameTaken,
} from '../../src/core/codebookOps';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { TRANSCRIPT_A, TRANSCRIPT_D, offsetOf, smallProject, smallStudyFs } from './helpers';

const A = 'transcripts/A-1.md';
const D = 'transcripts/D-1.md';
const T0 = '2020-10-06T10:00:00.000Z';
const NOW = '2021-01-01T00:00:00.000Z';

function coding(id: string, quote: string, codes: string[], extra: Partial<Coding> = {}): Coding {
  const doc = extra.doc ?? A;
  const text = doc === A ? TRANSCRIPT_A : TRANSCRIPT_D;
  const [s, e] = offsetOf(text, quote);
  return { id, doc, coder: 'eva', codes, ...makeAnchor(text, s, e), created: T0, ...extra };
}

const docs: TranscriptDocument[] = [
  { path: A, attributes: { case: 'NDS', respondent: 'Respondent A', interview: 1 }, bodyStart: 0, length: TRANSCRIPT_A.length, title: 'A' },
  {
    path: D,
    attributes: { case: 'QIHR', respondent: 'Respondent D', interview: 1 },
    bodyStart: 0,
    length: TRANSCRIPT_D.length,
    title: 'D',
  },
];

/** hier › {mandaat, middelen}, vertrouwen, complex; links mandaat → f-rollen, f-coord. */
function study(codings: Coding[] = []): Study {
  return new Study(smallProject(), docs, codings);
}

function snapshot(s: Study): unknown {
  // Links are a set (sorted when saved): compare them sorted.
  const project = s.project;
  return {
    project: { ...project, links: [...project.links].sort((a, b) => (a.code + a.factor < b.code + b.factor ? -1 : 1)) },
    codings: [...s.allCodings()].sort((a, b) => (a.id < b.id ? -1 : 1)),
  };
}

describe('codebook operations (pure)', () => {
  describe('counts', () => {
    it('counts own codings and distinct codings of the subtree', () => {
      const s = study([
        coding('a', 'geen mandaat', ['mandaat']),
        coding('b', 'middelen en capaciteit', ['middelen', 'hier']),
        coding('c', 'vertrouwen tussen de leden', ['vertrouwen']),
        coding('d', 'Quantum is complex', ['complex', 'mandaat'], { doc: D }),
        coding('e', 'Er is geen mandaat', ['mandaat', 'middelen']),
      ]);
      const n = codeCounts(s);
      assert.deepStrictEqual(n.get('mandaat'), { own: 3, total: 3, uncounted: 0 });
      assert.deepStrictEqual(n.get('middelen'), { own: 2, total: 2, uncounted: 0 });
      // hier: b (own), a, d, e via subcodes; b and e carry two codes of the subtree but count once.
      assert.deepStrictEqual(n.get('hier'), { own: 1, total: 4, uncounted: 0 });
      assert.deepStrictEqual(n.get('vertrouwen'), { own: 1, total: 1, uncounted: 0 });
      assert.deepStrictEqual(n.get('complex'), { own: 1, total: 1, uncounted: 0 });
      const onlyA = codeCounts(s, (c) => c.doc === A);
      assert.deepStrictEqual(onlyA.get('hier'), { own: 1, total: 3, uncounted: 0 });
      assert.deepStrictEqual(onlyA.get('complex'), { own: 0, total: 0, uncounted: 0 });
    });

    it('total equals the distinct codings of the subtree for every code of the sample study', async () => {
      const { study: s } = await StudyStore.open(new NodeFileSystem(path.resolve(__dirname, '../../../sample/kennisdeling')));
      const n = codeCounts(s);
      let sumOwn = 0;
      for (const code of s.codes) {
        assert.strictEqual(n.get(code.id)!.own, s.countWithCode(code.id), code.name);
        assert.strictEqual(n.get(code.id)!.total, codingsOfSubtrees(s, [code.id]).length, code.name);
        sumOwn += n.get(code.id)!.own;
      }
      const codeApplications = [...s.allCodings()].reduce((x, c) => x + c.codes.length, 0);
      assert.strictEqual(sumOwn, codeApplications);
    });

    it('factor evidence counts the codings of linked codes and their subcodes', () => {
      const s = study([coding('a', 'geen mandaat', ['mandaat']), coding('b', 'middelen en capaciteit', ['middelen'])]);
      s.transact('link', [{ kind: 'addLink', link: { code: 'hier', factor: 'f-coord' } }]);
      const e = factorEvidence(s);
      assert.deepStrictEqual(e.get('f-rollen'), { codes: ['mandaat'], codings: 1 });
      assert.deepStrictEqual(e.get('f-coord'), { codes: ['hier', 'mandaat'], codings: 2 });
      s.transact('unlink', [{ kind: 'removeLink', code: 'mandaat', factor: 'f-rollen' }]);
      assert.deepStrictEqual(factorEvidence(s).get('f-rollen'), { codes: [], codings: 0 });
    });
  });

  describe('merge', () => {
    it('moves codings, folds duplicates on the same span, and is undone exactly', () => {
      const s = study([
        coding('a', 'geen mandaat', ['middelen'], { memo: 'eerste' }),
        coding('a2', 'geen mandaat', ['mandaat', 'vertrouwen'], { memo: 'tweede' }),
        coding('b', 'middelen en capaciteit', ['middelen', 'mandaat']),
        coding('c', 'geen mandaat', ['middelen'], { coder: 'sam' }),
        coding('d', 'vertrouwen tussen de leden', ['middelen', 'vertrouwen']),
      ]);
      const before = snapshot(s);
      s.transact('merge', mergeCodes(s, 'middelen', 'mandaat', NOW));
      assert.strictEqual(s.code('middelen'), undefined);
      // a (middelen) and a2 (mandaat) by eva on the same span fold into a2, which already had mandaat.
      assert.strictEqual(s.coding('a'), undefined);
      assert.deepStrictEqual(s.coding('a2')!.codes, ['mandaat', 'vertrouwen']);
      assert.strictEqual(s.coding('a2')!.memo, 'tweede\n\neerste');
      // b had both: one code left.
      assert.deepStrictEqual(s.coding('b')!.codes, ['mandaat']);
      // sam's coding of the same span is sam's: not folded.
      assert.deepStrictEqual(s.coding('c')!.codes, ['mandaat']);
      assert.deepStrictEqual(s.coding('d')!.codes, ['mandaat', 'vertrouwen']);
      assert.strictEqual(s.countWithCode('mandaat'), 4);
      assert.ok(s.code('mandaat')!.aliases!.includes('middelen'));
      assert.strictEqual(s.code('mandaat')!.definition, 'Geld, capaciteit en tijd.', 'the target had no definition: it takes the source’s');
      s.undo();
      assert.deepStrictEqual(snapshot(s), before);
    });

    it('moves subcodes and literature links to the target without duplicate links', () => {
      const s = study([coding('a', 'geen mandaat', ['mandaat'])]);
      s.transact('setup', [
        { kind: 'addCode', code: { id: 'sub', name: 'eigenaarschap', parent: 'mandaat', color: '#000000' } },
        { kind: 'addLink', link: { code: 'vertrouwen', factor: 'f-rollen' } },
      ]);
      s.transact('merge', mergeCodes(s, 'mandaat', 'vertrouwen', NOW));
      assert.strictEqual(s.code('sub')!.parent, 'vertrouwen');
      assert.deepStrictEqual(s.factorsOf('vertrouwen').sort(), ['f-coord', 'f-rollen']);
      assert.deepStrictEqual(s.links.filter((l) => l.code === 'vertrouwen').length, 2);
      assert.deepStrictEqual(s.code('vertrouwen')!.aliases, ['mandaat', 'eigenaarschap']);
    });

    it('refuses to merge a code into itself or into its own subcode', () => {
      const s = study();
      assert.throws(() => mergeCodes(s, 'hier', 'hier'), /itself/);
      assert.throws(() => mergeCodes(s, 'hier', 'mandaat'), /subcodes/);
    });
  });

  describe('delete', () => {
    it('moves codings (folding duplicates) and links to the parent, lifts subcodes, and undoes', () => {
      const s = study([
        coding('a', 'geen mandaat', ['mandaat']),
        coding('a2', 'geen mandaat', ['hier']),
        coding('b', 'middelen en capaciteit', ['mandaat', 'vertrouwen']),
      ]);
      s.transact('setup', [{ kind: 'addCode', code: { id: 'sub', name: 'eigenaarschap', parent: 'mandaat', color: '#000000' } }]);
      const before = snapshot(s);
      s.transact('delete', deleteCode(s, 'mandaat', { codings: 'parent' }, NOW));
      assert.strictEqual(s.code('mandaat'), undefined);
      assert.strictEqual(s.code('sub')!.parent, 'hier');
      assert.strictEqual(s.coding('a'), undefined, 'folded into a2');
      assert.deepStrictEqual(s.coding('a2')!.codes, ['hier']);
      assert.deepStrictEqual(s.coding('b')!.codes, ['hier', 'vertrouwen']);
      assert.deepStrictEqual(s.factorsOf('hier').sort(), ['f-coord', 'f-rollen']);
      s.undo();
      assert.deepStrictEqual(snapshot(s), before);
    });

    it('takes the code off its codings, deleting those left without codes', () => {
      const s = study([coding('a', 'geen mandaat', ['mandaat']), coding('b', 'middelen en capaciteit', ['mandaat', 'vertrouwen'])]);
      s.transact('delete', deleteCode(s, 'mandaat', { codings: 'remove' }, NOW));
      assert.strictEqual(s.coding('a'), undefined);
      assert.deepStrictEqual(s.coding('b')!.codes, ['vertrouwen']);
      assert.deepStrictEqual(
        s.links.filter((l) => l.code === 'mandaat'),
        [],
      );
    });

    it('a top-level code has no parent to take its codings', () => {
      const s = study([coding('c', 'vertrouwen tussen de leden', ['vertrouwen'])]);
      assert.throws(() => deleteCode(s, 'vertrouwen', { codings: 'parent' }), /top-level/);
      s.transact('delete', deleteCode(s, 'hier', { codings: 'remove' }));
      assert.deepStrictEqual(
        s
          .children(undefined)
          .map((c) => c.id)
          .sort(),
        ['complex', 'mandaat', 'middelen', 'vertrouwen'],
      );
    });

    it('is saved: codeboom.json loses the code, the codings file its coding', async () => {
      const fs = smallStudyFs();
      const { store, study: s } = await StudyStore.open(fs);
      const [st, en] = offsetOf(TRANSCRIPT_A, 'geen mandaat');
      s.transact('code', [
        {
          kind: 'addCoding',
          coding: { id: 'x', doc: A, coder: 'eva', codes: ['middelen'], ...makeAnchor(TRANSCRIPT_A, st, en), created: T0 },
        },
      ]);
      await store.save();
      s.transact('delete', deleteCode(s, 'middelen', { codings: 'parent' }, NOW));
      await store.save();
      const project = JSON.parse(fs.text('codeboom.json')!) as ProjectData;
      assert.ok(!project.codes.some((c) => c.id === 'middelen'));
      const file = JSON.parse(fs.text('.codeboom/codings/transcripts/A-1.md.eva.json')!) as { codings: Coding[] };
      assert.deepStrictEqual(
        file.codings.map((c) => c.codes),
        [['hier']],
      );
    });
  });

  describe('move', () => {
    it('moves a code with its subtree under another code, keeping the file in tree order', () => {
      const s = study();
      s.transact('setup', [{ kind: 'addCode', code: { id: 'sub', name: 'eigenaarschap', parent: 'mandaat', color: '#000000' } }]);
      s.transact('move', moveCodes(s, ['mandaat'], 'vertrouwen'));
      assert.strictEqual(s.code('mandaat')!.parent, 'vertrouwen');
      assert.deepStrictEqual(s.subtree('vertrouwen'), ['vertrouwen', 'mandaat', 'sub']);
      const order = s.codes.map((c) => c.id);
      assert.deepStrictEqual(order.slice(order.indexOf('vertrouwen'), order.indexOf('vertrouwen') + 3), ['vertrouwen', 'mandaat', 'sub']);
      s.transact('to root', moveCodes(s, ['mandaat'], undefined));
      assert.strictEqual(s.code('mandaat')!.parent, undefined);
      assert.deepStrictEqual(
        s.codes.slice(-2).map((c) => c.id),
        ['mandaat', 'sub'],
      );
      s.undo();
      s.undo();
      assert.strictEqual(s.code('mandaat')!.parent, 'hier');
    });

    it('moves several codes at once, a code listed with its ancestor moving with it, and before a sibling', () => {
      const s = study();
      s.transact('move', moveCodes(s, ['hier', 'mandaat', 'complex'], 'vertrouwen'));
      assert.strictEqual(s.code('mandaat')!.parent, 'hier');
      assert.deepStrictEqual(
        s.children('vertrouwen').map((c) => c.id),
        ['hier', 'complex'],
      );
      s.transact('before', moveCodes(s, ['complex'], 'vertrouwen', 'hier'));
      assert.deepStrictEqual(
        s.children('vertrouwen').map((c) => c.id),
        ['complex', 'hier'],
      );
    });

    it('refuses to move a code under itself or its subcode', () => {
      const s = study();
      assert.throws(() => moveCodes(s, ['hier'], 'mandaat'), /under itself/);
      assert.throws(() => moveCodes(s, ['hier'], 'hier'), /under itself/);
    });

    it('reorderOps turns any order into any other', () => {
      fc.assert(
        fc.property(
          fc
            .uniqueArray(fc.integer({ min: 0, max: 40 }), { minLength: 1, maxLength: 15 })
            .chain((ids) => fc.tuple(fc.constant(ids), fc.shuffledSubarray(ids, { minLength: ids.length }))),
          ([current, desired]) => {
            const a = current.map(String);
            const b = desired.map(String);
            const sim = [...a];
            for (const op of reorderOps(a, b)) {
              assert.strictEqual(op.kind, 'moveCode');
              if (op.kind === 'moveCode') {
                sim.splice(sim.indexOf(op.id), 1);
                sim.splice(op.index, 0, op.id);
              }
            }
            assert.deepStrictEqual(sim, b);
          },
        ),
      );
    });
  });

  describe('links and names', () => {
    it('links without duplicates and sets a code’s links exactly', () => {
      const s = study();
      assert.deepStrictEqual(linkFactors(s, 'mandaat', ['f-rollen']), []);
      s.transact('link', linkFactors(s, 'vertrouwen', ['f-rollen', 'f-rollen']));
      assert.deepStrictEqual(s.factorsOf('vertrouwen'), ['f-rollen']);
      s.transact('set', setFactorLinks(s, 'mandaat', ['f-rollen']));
      assert.deepStrictEqual(s.factorsOf('mandaat'), ['f-rollen']);
      assert.throws(() => linkFactors(s, 'mandaat', ['nope']), /Unknown literature factor/);
    });

    it('finds sibling name clashes ignoring case and accents', () => {
      const s = study();
      assert.ok(siblingNameTaken(s, undefined, 'Hierarchie'));
      assert.ok(!siblingNameTaken(s, 'hier', 'hierarchie'));
      assert.ok(!siblingNameTaken(s, undefined, 'hiërarchie', 'hier'));
    });
  });
});
