import * as assert from 'assert';
import * as path from 'path';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { findHits, hitContext } from '../../src/core/autocode';
import { saturation } from '../../src/core/saturation';
import { MatrixIndex } from '../../src/core/matrix';
import { saturationView } from '../../src/matrix/viewModel';
import type { Study } from '../../src/core/study';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');
const flat = (s: string): string => s.replace(/\s+/g, ' ').trim();

describe('auto-code preview and saturation filters (sample study)', () => {
  let study: Study;
  let texts: Map<string, string>;
  before(async () => {
    const opened = await StudyStore.open(new NodeFileSystem(SAMPLE));
    study = opened.study;
    texts = new Map(study.documents.map((d) => [d.path, opened.store.text(d.path)!]));
  });

  it('previews a hit as the sentence that will be coded, the hit between « »', () => {
    const hits = findHits(study, texts, { kind: 'words', value: 'nieuwsbrief' }, 'sentence');
    assert.strictEqual(hits.length, 21);
    for (const h of hits) {
      const text = texts.get(h.doc)!;
      const shown = hitContext(text, h);
      assert.ok(shown.includes(`«${h.match}»`), shown);
      const sentence = flat(text.slice(h.codeStart, h.codeEnd));
      const head = flat(text.slice(h.codeStart, h.start)).length;
      const tail = flat(text.slice(h.end, h.codeEnd)).length;
      if (head <= 60 && tail <= 160) {
        // short sentences whole, without ellipses
        assert.strictEqual(shown, sentence.replace(h.match, `«${h.match}»`));
      } else {
        assert.ok(shown.startsWith('…') === head > 60 && shown.endsWith('…') === tail > 160, shown);
        assert.ok(shown.indexOf('«') <= 62, `the hit stays near the start: ${shown}`);
        assert.ok(shown.length <= 60 + 160 + h.match.length + 4);
      }
    }
    const first = hitContext(texts.get(hits[0].doc)!, hits[0]);
    assert.strictEqual(first, 'Dat zijn de mensen die op de mailinglijst staan voor de «nieuwsbrief».');
  });

  it('previews "only the hit" with the text around it, and a long turn cut short', () => {
    const [hit] = findHits(study, texts, { kind: 'words', value: 'nieuwsbrief' }, 'hit');
    const shown = hitContext(texts.get(hit.doc)!, hit);
    assert.ok(shown.startsWith('…') && shown.endsWith('…'));
    assert.ok(shown.includes('voor de «nieuwsbrief». Maar'), shown);
    const turns = findHits(study, texts, { kind: 'words', value: 'nieuwsbrief' }, 'turn');
    const long = turns.find((h) => h.codeEnd - h.codeStart > 400)!;
    const cut = hitContext(texts.get(long.doc)!, long);
    assert.ok(cut.endsWith('…') && cut.length < 240, cut);
  });

  it('saturation: the panel’s case, coder and polarity filters choose transcripts, codings and codes', () => {
    const index = new MatrixIndex(study);
    const options = { rows: 'tree', columns: { kind: 'case' }, measure: 'codings' } as const;
    const all = saturationView(index, options);
    assert.strictEqual(all.points.length, 14);
    assert.strictEqual(all.total, study.codes.length);
    assert.strictEqual(all.trailingWithoutNew, all.points.length - 1 - all.points.map((p) => p.newCodes.length > 0).lastIndexOf(true));
    assert.deepStrictEqual(
      all.points.map((p) => p.short),
      saturation(study).map((p) => p.doc.replace(/^transcripts\/|\.md$/g, '')),
    );

    const nds = saturationView(index, { ...options, filters: { cases: ['NDS'] } });
    assert.ok(nds.points.length > 0 && nds.points.every((p) => study.caseOf(p.doc) === 'NDS'));
    assert.strictEqual(nds.points.length, study.documents.filter((d) => study.caseOf(d.path) === 'NDS').length);

    const sam = saturationView(index, { ...options, filters: { coders: ['sam'] } });
    assert.deepStrictEqual(
      sam.points.map((p) => p.cumulative),
      saturation(study, 'date', 'sam').map((p) => p.cumulative),
    );

    // hindering codes only: a code counts when it (or the code it inherits from) is hindering
    const hindering = saturationView(index, { ...options, filters: { polarity: ['belemmerend'] } });
    const isHindering = (id: string): boolean => {
      for (let c = study.code(id); c; c = c.parent ? study.code(c.parent) : undefined) {
        if (c.polarity) {
          return c.polarity === 'belemmerend';
        }
      }
      return false;
    };
    const expected = study.codes.filter((c) => isHindering(c.id) && study.codingsWithCode(c.id).length > 0).length;
    assert.ok(expected > 0 && expected < study.codes.length);
    assert.strictEqual(hindering.total, expected);
    const names = new Set(study.codes.filter((c) => isHindering(c.id)).map((c) => c.name));
    assert.ok(hindering.points.every((p) => p.newCodes.every((n) => names.has(n))));
  });
});
