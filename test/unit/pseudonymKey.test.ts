/**
 * The key file (its place, its .gitignore line, its format), re-identification, the override
 * header of a confidential export, and the texts the check reads in an archive.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import {
  fileTexts,
  gitignoreWithEntry,
  keyLocation,
  parseKeyFile,
  pseudonymiseString,
  compileList,
  reversedList,
  serializeKeyFile,
  withEntries,
  withOverrideHeader,
} from '../../src/core/pseudonyms';
import { StudyFileError } from '../../src/core/schema';
import { decodeText, encodeText } from '../../src/core/port';
import { writeZip } from '../../src/core/refi/zip';

describe('pseudonym key file', () => {
  it('lives beside the study folder by default; a setting inside the study is a study path (then .gitignore’d)', () => {
    assert.deepStrictEqual(keyLocation(undefined, 'thesis'), { inside: false, path: '../thesis.pseudonyms.json' });
    assert.deepStrictEqual(keyLocation('private/key.json', 'thesis'), { inside: true, path: 'private/key.json' });
    assert.deepStrictEqual(keyLocation('./a/../key.json', 'thesis'), { inside: true, path: 'key.json' });
    assert.deepStrictEqual(keyLocation('../../keys/k.json', 'thesis'), { inside: false, path: '../../keys/k.json' });
    assert.deepStrictEqual(keyLocation('/home/me/k.json', 'thesis'), { inside: false, path: '/home/me/k.json' });
    assert.deepStrictEqual(keyLocation('C:\\keys\\k.json', 'thesis'), { inside: false, path: 'C:\\keys\\k.json' });
  });

  it('property: the .gitignore line is added once, after what was there', () => {
    const line = fc.stringMatching(/^[a-z#/.*]{0,10}$/);
    fc.assert(
      fc.property(
        fc.option(fc.array(line, { maxLength: 5 }).map((ls) => ls.join('\n'))),
        fc.stringMatching(/^[a-z]{1,8}\.json$/),
        (existing, path) => {
          const once = gitignoreWithEntry(existing ?? undefined, path);
          const text = once ?? existing ?? '';
          assert.ok(text.split('\n').some((l) => l === path || l === `/${path}`));
          assert.ok(text.startsWith(existing ?? ''));
          assert.strictEqual(gitignoreWithEntry(text, path), undefined);
        },
      ),
    );
  });

  it('reads what it writes; a malformed key is a problem naming the file', () => {
    const list = withEntries({ entries: [{ term: 'Jan', replacement: 'Person A' }] }, [{ term: 'jan', replacement: 'Person B' }]);
    assert.deepStrictEqual(list.entries, [{ term: 'jan', replacement: 'Person B' }]);
    assert.deepStrictEqual(parseKeyFile(serializeKeyFile(list), 'k.json'), { version: 1, ...list });
    assert.throws(
      () => parseKeyFile('{"entries": [{"term": ""}]}', 'k.json'),
      (e: unknown) => e instanceof StudyFileError && /k\.json/.test(e.message),
    );
    assert.throws(() => parseKeyFile('not json', 'k.json'), StudyFileError);
  });

  it('re-identifies: the reversed list turns unique pseudonyms back into the names', () => {
    const list = {
      entries: [
        { term: 'Jan de Vries', replacement: 'Person A' },
        { term: 'Utrecht', replacement: '[gemeente]' },
        { term: 'a@b.nl', replacement: '[e-mail]' },
        { term: 'c@d.nl', replacement: '[e-mail]' },
      ],
    };
    const text = 'Jan de Vries werkt in Utrecht; mail a@b.nl.';
    const pseudo = pseudonymiseString(text, compileList(list));
    assert.strictEqual(pseudo, 'Person A werkt in [gemeente]; mail [e-mail].');
    assert.strictEqual(pseudonymiseString(pseudo, compileList(reversedList(list))), 'Jan de Vries werkt in Utrecht; mail [e-mail].');
  });
});

describe('confidential export override', () => {
  it('is written into the header of a text export, and beside a binary one', () => {
    const md = decodeText(withOverrideHeader(encodeText('# Codebook\n'), 'md', 'own archive').bytes);
    assert.match(md, /^> \*\*.*override: own archive.*\*\*\n\n# Codebook\n$/);
    const html = decodeText(withOverrideHeader(encodeText('<html><body class="x"><h1>T</h1></body></html>'), 'html', 'r').bytes);
    assert.match(html, /<body class="x"><p [^>]*>.*override: r.*<\/p><h1>/);
    const qdc = decodeText(withOverrideHeader(encodeText('<?xml version="1.0"?>\n<CodeBook/>'), 'qdc', 'a -- b').bytes);
    assert.match(qdc, /^<\?xml version="1.0"\?>\n<!-- .*a — b.* -->\n<CodeBook\/>$/);
    const xlsx = withOverrideHeader(new Uint8Array([80, 75, 3, 4]), 'xlsx', 'r');
    assert.deepStrictEqual(xlsx.bytes, new Uint8Array([80, 75, 3, 4]));
    assert.match(decodeText(xlsx.sidecar!), /override: r/);
  });
});

describe('texts of an archive', () => {
  it('reads a zip’s text entries, Word’s runs joined and attributes kept; skips what is not text', () => {
    const zip = writeZip([
      [
        'word/document.xml',
        encodeText('<w:document><w:p><w:r><w:t>Jan de </w:t></w:r><w:r><w:t>Vries &amp; Co</w:t></w:r></w:p></w:document>'),
      ],
      ['project.qde', encodeText('<Project><Code name="Gesprek met Piet"/></Project>')],
      ['sources/a.txt', encodeText('Utrecht')],
      ['media/x.png', new Uint8Array([0xff, 0xd8, 0xff, 0x00, 0x80])],
    ]);
    const { texts, skipped } = fileTexts('x.qdpx', zip);
    const all = texts.map((t) => t.text).join('\n');
    assert.match(all, /Jan de Vries & Co/);
    assert.match(all, /Gesprek met Piet/);
    assert.match(all, /Utrecht/);
    assert.deepStrictEqual(skipped, ['x.qdpx: media/x.png']);
  });
});
