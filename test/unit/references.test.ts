// BibTeX and CSL-JSON references become the citations a thesis writes in its tables, and a factor
// sheet may name its authors by citation key.
import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { citationOf, parseBibtex, parseCslJson, parseReferences, planCatalogueSheetImport, parseDelimited } from '../../src/core/sheets';
import { StudyError } from '../../src/core/study';
import { main } from '../../src/cli';

const BIB = String.raw`% exported by Zotero
@string{jgi = "Journal of Government Information"}
@article{yang2011,
  author = {Yang, Tung-Mou and Maxwell, Terrence A.},
  title = {Information-sharing in public organizations},
  year = {2011},
}
@book{kim1998,
  author = "Kim, Linsu",
  year = 1998,
}
@article{rashman2009,
  author = {Lyndsay Rashman and Erin Withers and Jean Hartley},
  title = {Organizational learning and knowledge in public service organizations},
  date = {2009-03},
}
@inproceedings{goettingen,
  author = {G{\"o}del, Kurt and {World Bank}},
  year = {2007},
}`;

const CSL = JSON.stringify([
  {
    id: 'gil2007',
    author: [{ family: 'Gil-Garcia', given: 'J. Ramon' }, { family: 'Chengalur-Smith', given: 'InduShobha' }, { family: 'Duchessi' }],
    issued: { 'date-parts': [[2007]] },
  },
  {
    id: 'beethoven',
    author: [{ family: 'Beethoven', given: 'Ludwig', 'non-dropping-particle': 'van' }],
    issued: { 'date-parts': [[1802, 10]] },
  },
  { id: 'anon', title: 'No author' },
]);

describe('references: BibTeX and CSL-JSON to citations', () => {
  it('one, two and three or more authors; accents and braces; a date instead of a year', () => {
    const c = parseBibtex(BIB);
    assert.deepStrictEqual(Object.fromEntries(c), {
      yang2011: 'Yang & Maxwell, 2011',
      kim1998: 'Kim, 1998',
      rashman2009: 'Rashman et al., 2009',
      goettingen: 'Gödel & World Bank, 2007',
    });
  });

  it('CSL-JSON (Zotero, Mendeley): family names with their particles, the year of issue', () => {
    assert.deepStrictEqual(Object.fromEntries(parseCslJson(CSL)), {
      gil2007: 'Gil-Garcia et al., 2007',
      beethoven: 'van Beethoven, 1802',
      anon: '',
    });
    assert.strictEqual(parseReferences(CSL, 'refs.json').get('gil2007'), 'Gil-Garcia et al., 2007');
    assert.strictEqual(citationOf({ families: ['A', 'B'] }), 'A & B');
  });

  it('a file that is neither is refused with its name', () => {
    assert.throws(
      () => parseBibtex('just text', 'refs.bib'),
      (e: unknown) => e instanceof StudyError && /refs\.bib/.test(e.message),
    );
    assert.throws(
      () => parseCslJson('{"id":1}', 'refs.json'),
      (e: unknown) => e instanceof StudyError && /refs\.json/.test(e.message),
    );
  });

  it('a factor sheet naming its authors by key gets the citations; other authors stay as written', () => {
    const sheet = parseDelimited(
      'Categorie,Factor,Auteurs\nOrganisatorisch,Duidelijkheid van rollen,"yang2011; Gil-Garcia et al., 2007"\n',
    );
    const plan = planCatalogueSheetImport([], sheet, { citations: parseBibtex(BIB) });
    assert.deepStrictEqual(plan.catalogues[0].categories[0].factors[0].authors, ['Yang & Maxwell, 2011', 'Gil-Garcia et al., 2007']);
  });

  it('codeboom import factors --references resolves the keys', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-refs-'));
    fs.mkdirSync(path.join(dir, 'transcripts'));
    fs.writeFileSync(path.join(dir, 'codeboom.json'), JSON.stringify({ schemaVersion: 1, name: 'R', transcriptFolders: ['transcripts'] }));
    fs.writeFileSync(path.join(dir, 'refs.bib'), BIB);
    fs.writeFileSync(path.join(dir, 'factoren.csv'), 'Category,Factor,Authors\nPolitiek,Politieke druk,rashman2009\n');
    let err = '';
    const code = await main(
      ['import', 'factors', path.join(dir, 'factoren.csv'), '--study', dir, '--references', path.join(dir, 'refs.bib')],
      {
        out: () => undefined,
        err: (t) => (err += t),
      },
    );
    assert.strictEqual(code, 0, err);
    const json = JSON.parse(fs.readFileSync(path.join(dir, 'codeboom.json'), 'utf8'));
    assert.deepStrictEqual(json.catalogues[0].categories[0].factors[0].authors, ['Rashman et al., 2009']);
  });
});
