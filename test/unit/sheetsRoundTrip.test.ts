/**
 * Round trips through spreadsheets as properties: a codebook (any depth, any fields) exported as
 * level columns and imported into an empty study comes back the same, in CSV and XLSX; a codebook
 * of three levels the same through the Gioia sheet; a literature catalogue through its sheet.
 */
import * as assert from 'assert';
import fc from 'fast-check';
import { Study } from '../../src/core/study';
import type { Code, FactorCatalogue, Origin, Polarity } from '../../src/core/model';
import { emptyProject, ORIGINS, POLARITIES } from '../../src/core/model';
import type { SheetFormat } from '../../src/core/sheets';
import {
  catalogueSheet,
  codebookSheet,
  gioiaSheet,
  planCatalogueSheetImport,
  planCodebookSheetImport,
  readSheet,
  sheetBytes,
} from '../../src/core/sheets';
import { codebookLines } from './sheetsHelpers';
import { colourPicker } from '../../src/core/sheets/codebook';
import { CODE_PALETTE, nextColor } from '../../src/core/palette';

/** Names as people write them: letters, digits, accents, punctuation (also / › , " ' - =), trimmed. */
const name = fc.stringMatching(/^[A-Za-zëéï0-9 ,./›"'&()=+@-]{1,12}$/).filter((s) => s.trim() === s && !s.startsWith("'"));
/** Free text: also line breaks, semicolons and what looks like a formula. */
const text = fc.stringMatching(/^[A-Za-zë0-9 ,.;"\n=+@-]{1,30}$/).filter((s) => s.trim() !== '');
const listItem = fc.stringMatching(/^[A-Za-zë0-9 ,.&()-]{1,12}$/).filter((s) => s.trim() === s);

interface CodeSpec {
  name: string;
  parent: number;
  color: string;
  definition?: string;
  memo?: string;
  polarity?: Polarity;
  origin?: Origin;
  aliases?: string[];
}

const codeSpec = fc.record(
  {
    name,
    parent: fc.nat(),
    color: fc.stringMatching(/^#[0-9a-fA-F]{6}$/),
    definition: text,
    memo: text,
    polarity: fc.constantFrom(...POLARITIES),
    origin: fc.constantFrom(...ORIGINS),
    aliases: fc.array(listItem, { minLength: 1, maxLength: 3 }),
  },
  { requiredKeys: ['name', 'parent', 'color'] },
);

function key(n: string): string {
  return n.normalize('NFC').toLowerCase();
}

/** Codes of the specs: each under an earlier one (or at the top), at most `maxDepth` deep, sibling names distinct. */
function codesOf(specs: CodeSpec[], maxDepth: number): Code[] {
  const codes: Code[] = [];
  const depth: number[] = [];
  const taken = new Set<string>();
  specs.forEach((spec, i) => {
    let p = spec.parent % (i + 1);
    while (p < i && depth[p] + 1 >= maxDepth) {
      p = codes[p].parent !== undefined ? Number(codes[p].parent!.slice(1)) : i;
    }
    const parent = p < i ? `c${p}` : undefined;
    const sibling = `${parent ?? ''}\u0000${key(spec.name)}`;
    depth.push(p < i ? depth[p] + 1 : 0);
    const code: Code = {
      id: `c${i}`,
      name: taken.has(sibling) ? `${spec.name} ${i}` : spec.name,
      ...(parent !== undefined ? { parent } : {}),
      color: spec.color,
      ...(spec.definition !== undefined ? { definition: spec.definition } : {}),
      ...(spec.memo !== undefined ? { memo: spec.memo } : {}),
      ...(spec.polarity !== undefined ? { polarity: spec.polarity } : {}),
      ...(spec.origin !== undefined ? { origin: spec.origin } : {}),
      ...(spec.aliases !== undefined ? { aliases: spec.aliases } : {}),
    };
    taken.add(`${parent ?? ''}\u0000${key(code.name)}`);
    codes.push(code);
  });
  return codes;
}

async function roundTrip(codes: Code[], format: SheetFormat, gioia: boolean): Promise<void> {
  const source = new Study({ ...emptyProject('source'), codes });
  const sheet = gioia ? gioiaSheet(source) : codebookSheet(source);
  const target = new Study(emptyProject('target'));
  const plan = planCodebookSheetImport(target, await readSheet(await sheetBytes(sheet, format), format));
  assert.deepStrictEqual(plan.refused, []);
  assert.strictEqual(plan.added.length, codes.length);
  target.transact('import', plan.ops);
  assert.deepStrictEqual(codebookLines(target), codebookLines(source));
}

describe('spreadsheet round trips (properties)', () => {
  for (const format of ['csv', 'xlsx'] as const) {
    const runs = format === 'csv' ? 150 : 25;
    it(`codebook as level columns, ${format}: export → import into an empty study gives the same codebook`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(codeSpec, { maxLength: 25 }), async (specs) => roundTrip(codesOf(specs, 8), format, false)),
        { numRuns: runs },
      );
    });

    it(`codebook as a Gioia sheet (three levels), ${format}: the same codebook comes back`, async () => {
      await fc.assert(
        fc.asyncProperty(fc.array(codeSpec, { maxLength: 25 }), async (specs) => roundTrip(codesOf(specs, 3), format, true)),
        { numRuns: runs },
      );
    });

    it(`literature catalogue, ${format}: export → import into an empty study gives the same catalogues`, async () => {
      const factor = fc.record({ name, authors: fc.array(listItem, { maxLength: 3 }), description: fc.option(text, { nil: undefined }) });
      const category = fc.record({ name, factors: fc.uniqueArray(factor, { selector: (f) => key(f.name), maxLength: 4 }) });
      const catalogue = fc.record({
        name,
        source: fc.option(text, { nil: undefined }),
        categories: fc.uniqueArray(category, { selector: (g) => key(g.name), maxLength: 3 }),
      });
      await fc.assert(
        fc.asyncProperty(fc.uniqueArray(catalogue, { selector: (c) => key(c.name), maxLength: 3 }), async (cats) => {
          const catalogues: FactorCatalogue[] = cats.map((c, i) => ({
            id: `k${i}`,
            name: c.name,
            ...(c.source !== undefined ? { source: c.source.replace(/\n/g, ' ').trim() || 'x' } : {}),
            categories: c.categories.map((g, j) => ({
              id: `g${i}-${j}`,
              name: g.name,
              factors: g.factors.map((f, k) => ({
                id: `f${i}-${j}-${k}`,
                name: f.name,
                authors: f.authors,
                ...(f.description !== undefined ? { description: f.description } : {}),
              })),
            })),
          }));
          const bytes = await sheetBytes(catalogueSheet(catalogues), format);
          const plan = planCatalogueSheetImport([], await readSheet(bytes, format));
          assert.deepStrictEqual(plan.refused, []);
          const strip = (list: readonly FactorCatalogue[]): unknown =>
            JSON.parse(JSON.stringify(list, (k: string, v: unknown) => (k === 'id' ? undefined : v)));
          assert.deepStrictEqual(strip(plan.catalogues), strip(catalogues));
        }),
        { numRuns: runs },
      );
    });
  }
});

describe('colours of new codes from a sheet', () => {
  it('are the colours nextColor would give one by one (counted once, not per code)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.constantFrom(...CODE_PALETTE), fc.stringMatching(/^#[0-9a-fA-F]{6}$/))),
        fc.nat({ max: 40 }),
        (used, n) => {
          const pick = colourPicker(used);
          const all = [...used];
          for (let i = 0; i < n; i++) {
            const expected = nextColor(all);
            assert.strictEqual(pick(), expected);
            all.push(expected);
          }
        },
      ),
    );
  });
});
