import * as assert from 'assert';
import fc from 'fast-check';
import { RERANK_BATCH, parseRerank, rerankPrompt } from '../../src/core/suggest';
import type { RerankItem } from '../../src/core/suggest';

const items: RerankItem[] = [
  {
    passage: 'Er is geen formeel\nmandaat voor de community.',
    candidates: [
      { code: 'id-a', label: 'Structuur › Mandaat', definition: 'Formele\ttoestemming' },
      { code: 'id-b', label: 'Cultuur' },
      { code: 'id-c', label: 'Tijd' },
    ],
  },
  {
    passage: 'We delen kennis op de intranetpagina.',
    candidates: [
      { code: 'id-d', label: 'Middelen' },
      { code: 'id-e', label: 'Cultuur' },
    ],
  },
];

describe('code suggestions: the language-model rerank (core)', () => {
  it('sends the passages and their candidates’ paths and definitions, one line each, and nothing else', () => {
    const prompt = rerankPrompt(items);
    assert.ok(prompt.includes('P1: Er is geen formeel mandaat voor de community.'));
    assert.ok(prompt.includes('  C1: Structuur › Mandaat — Formele toestemming'));
    assert.ok(prompt.includes('  C3: Tijd'));
    assert.ok(prompt.includes('P2: We delen kennis op de intranetpagina.'));
    assert.ok(prompt.includes('  C2: Cultuur'));
    // The code ids are not sent: the answer names candidates by number.
    assert.ok(
      !/\b[abcde]\b/.test(
        prompt
          .split('\n')
          .slice(3)
          .join('\n')
          .replace(/[A-Z]\w*/g, ''),
      ),
    );
    assert.ok(RERANK_BATCH > 0);
  });

  it('reads the order of each passage from the answer; what it leaves out keeps the engine’s order', () => {
    assert.deepStrictEqual(parseRerank('P1: C3, C1, C2\nP2: C2, C1', items), [
      [2, 0, 1],
      [1, 0],
    ]);
    // Markdown bold, a missing passage, unknown and repeated numbers, missing candidates.
    assert.deepStrictEqual(parseRerank('Here you go:\n**P1**: C2, C2, C9\n', items), [
      [1, 0, 2],
      [0, 1],
    ]);
    assert.deepStrictEqual(parseRerank('I cannot help with that.', items), [
      [0, 1, 2],
      [0, 1],
    ]);
  });

  it('any answer gives, for every passage, an order of all its candidates, each once', () => {
    fc.assert(
      fc.property(fc.array(fc.oneof(fc.string(), fc.constantFrom('P1: C2', 'P2: C1, C1', 'P3: C1', 'P1: C0, C4, C3'))), (lines) => {
        const orders = parseRerank(lines.join('\n'), items);
        assert.strictEqual(orders.length, items.length);
        orders.forEach((order, i) => {
          assert.deepStrictEqual(
            [...order].sort((a, b) => a - b),
            items[i].candidates.map((_, j) => j),
          );
        });
      }),
    );
  });
});
