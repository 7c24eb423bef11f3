/**
 * Paths in study data (codeboom.json, codings files) come from other people through git: every one
 * must stay inside the study. One core rule (src/core/paths.ts) decides, and every place that turns
 * study data into a path uses it.
 */
import * as assert from 'assert';
import * as path from 'path';
import fc from 'fast-check';
import { isSafeSegment, joinStudyPath, normalizeStudyPath } from '../../src/core/paths';
import { parseCodingFile, parseProjectFile } from '../../src/core/schema';
import { codingFilePath, serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { StudyStore } from '../../src/core/store';
import { transcriptMemoPath } from '../../src/core/refi';
import { smallProject, smallStudyFs } from './helpers';
import { codingOn } from './safetyHelpers';

const HOSTILE = [
  'a/C:',
  'a/c:/b',
  '..',
  '../..',
  '../x',
  'transcripts/../../x',
  '/',
  '/etc',
  'C:',
  'C:/Users',
  'c:x',
  'a\\b',
  '..\\..',
  'a\u0000b',
  'a/\u0000',
  '\u0000',
];

describe('data safety: paths stay inside the study', () => {
  describe('the rule (normalizeStudyPath)', () => {
    it('normalises harmless spellings and refuses every way out', () => {
      assert.deepStrictEqual(normalizeStudyPath('transcripts/'), { ok: true, path: 'transcripts' });
      assert.deepStrictEqual(normalizeStudyPath('./a//b/./c.md'), { ok: true, path: 'a/b/c.md' });
      assert.deepStrictEqual(normalizeStudyPath('a/../b'), { ok: true, path: 'b' });
      assert.deepStrictEqual(normalizeStudyPath('.', { allowRoot: true }), { ok: true, path: '' });
      assert.strictEqual(normalizeStudyPath('.').ok, false, 'the root is not a file');
      for (const p of HOSTILE) {
        assert.strictEqual(normalizeStudyPath(p, { allowRoot: true }).ok, false, JSON.stringify(p));
      }
      assert.ok(isSafeSegment('eva-de-vries'));
      for (const s of ['', '.', '..', 'a/b', 'a\\b', 'C:', 'a\u0000']) {
        assert.strictEqual(isSafeSegment(s), false, JSON.stringify(s));
      }
    });

    it('property: no accepted path ever leaves the root, on POSIX or on Windows', () => {
      const alphabet = fc.constantFrom('a', 'b', '.', '..', '/', '\\', ':', 'C', '\u0000', ' ', '~', '%2e');
      const input = fc.array(alphabet, { maxLength: 14 }).map((parts) => parts.join(''));
      fc.assert(
        fc.property(fc.oneof(input, fc.string()), (p) => {
          const r = normalizeStudyPath(p, { allowRoot: true });
          if (!r.ok) {
            return;
          }
          const posixRoot = '/study/root';
          const posix = path.posix.resolve(posixRoot, r.path);
          assert.ok(posix === posixRoot || posix.startsWith(posixRoot + '/'), `${JSON.stringify(p)} → ${posix}`);
          const winRoot = 'C:\\study\\root';
          const win = path.win32.resolve(winRoot, ...r.path.split('/'));
          assert.ok(win === winRoot || win.startsWith(winRoot + '\\'), `${JSON.stringify(p)} → ${win}`);
          assert.ok(r.path === '' || !r.path.split('/').some((s) => s === '..' || s === '.' || s === ''), 'normalised');
          // Normalising twice changes nothing.
          assert.deepStrictEqual(normalizeStudyPath(r.path, { allowRoot: true }), r);
        }),
        { numRuns: 3000 },
      );
    });

    it('property: joining never leaves the root', () => {
      fc.assert(
        fc.property(fc.array(fc.constantFrom('a', '..', '.', 'b/..', '../..', 'c/d'), { maxLength: 6 }), (parts) => {
          let joined: string | undefined;
          try {
            joined = joinStudyPath(...parts);
          } catch {
            return;
          }
          const out = path.posix.resolve('/r', joined);
          assert.ok(out === '/r' || out.startsWith('/r/'), out);
        }),
      );
    });
  });

  describe('codeboom.json: transcriptFolders', () => {
    it('refuses a folder outside the study, with the problem at transcriptFolders[i]', () => {
      for (const folder of ['../..', '/', '..', '/home', 'C:/', 'a\\..\\..', 'transcripts/../..']) {
        const r = parseProjectFile('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: ['transcripts', folder] }));
        assert.strictEqual(r.ok, false, folder);
        if (!r.ok) {
          assert.deepStrictEqual(
            r.problems.map((p) => p.path),
            [['transcriptFolders', 1]],
            folder,
          );
          assert.match(r.problems[0].message, /outside|absolute|drive|backslash/);
        }
      }
      for (const folder of ['.', 'transcripts/', './transcripts', 'a/../transcripts']) {
        assert.ok(parseProjectFile('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: [folder] })).ok, folder);
      }
    });

    it('a study whose codeboom.json points outside does not read the files there', async () => {
      const fs = smallStudyFs({ '../secret.md': '# secret\n' });
      fs.set('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: ['..'] }));
      await assert.rejects(StudyStore.open(fs), /transcriptFolders\[0\]: "\.\." leads outside the study folder/);
    });

    it('a codeboom.json changed on disk to point outside is refused and takes nothing in', async () => {
      const fs = smallStudyFs({ '../secret.md': '# secret\n' });
      const { store, study } = await StudyStore.open(fs);
      fs.set('codeboom.json', serializeProject({ ...smallProject(), transcriptFolders: ['transcripts', '..'] }));
      await assert.rejects(store.fileChanged('codeboom.json'), /transcriptFolders\[1\]/);
      assert.deepStrictEqual(
        study.documents.map((d) => d.path),
        ['transcripts/A-1.md', 'transcripts/D-1.md'],
      );
    });
  });

  describe('codings files: document and coder', () => {
    it('refuses a document or coder that would put the codings file elsewhere', () => {
      const file = (document: string, coder: string): string => JSON.stringify({ schemaVersion: 1, document, coder, codings: [] });
      for (const [document, coder, at] of [
        ['../../x.md', 'eva', 'document'],
        ['/etc/x.md', 'eva', 'document'],
        ['transcripts\\A-1.md', 'eva', 'document'],
        ['transcripts/./A-1.md', 'eva', 'document'],
        ['transcripts/A-1.md', '../../../../evil', 'coder'],
        ['transcripts/A-1.md', 'a/b', 'coder'],
        ['transcripts/A-1.md', '..', 'coder'],
      ] as const) {
        const r = parseCodingFile('.codeboom/codings/x.json', file(document, coder));
        assert.strictEqual(r.ok, false, `${document} ${coder}`);
        if (!r.ok) {
          assert.deepStrictEqual(
            r.problems.map((p) => p.path),
            [[at]],
            `${document} ${coder}`,
          );
        }
      }
    });

    it('a hostile codings file opens the study read-only and nothing is written outside', async () => {
      const evil = serializeCodingFile('../../x.md', 'eva', []);
      const fs = smallStudyFs({ '.codeboom/codings/x.eva.json': evil });
      const { store, study, problems } = await StudyStore.open(fs);
      assert.ok(
        problems.some((p) => p.file === '.codeboom/codings/x.eva.json' && p.path[0] === 'document'),
        JSON.stringify(problems),
      );
      assert.strictEqual(study.readOnly, true);
      await store.save();
      assert.ok(
        [...fs.files.keys()].every((k) => normalizeStudyPath(k).ok),
        [...fs.files.keys()].join(', '),
      );
    });

    it('codingFilePath and the memo path refuse to build a path outside the study', () => {
      assert.strictEqual(codingFilePath('transcripts/A-1.md', 'eva'), '.codeboom/codings/transcripts/A-1.md.eva.json');
      assert.throws(() => codingFilePath('../../x.md', 'eva'), /leads outside/);
      assert.throws(() => codingFilePath('transcripts/A-1.md', '../../../../x'), /coder/);
      assert.throws(() => transcriptMemoPath('../../../codeboom.json'), /leads outside/);
      assert.strictEqual(transcriptMemoPath('transcripts/A-1.md'), '.codeboom/memos/transcripts/A-1.md');
    });

    it('a study with a coding whose document climbs out does not save it outside', async () => {
      const fs = smallStudyFs();
      const { store, study } = await StudyStore.open(fs);
      study.transact('code', [
        { kind: 'addCoding', coding: { ...codingOn('geen mandaat', ['mandaat'], 'x1'), doc: 'transcripts/../../x.md' } },
      ]);
      await assert.rejects(store.save(), /leads outside/);
      assert.ok([...fs.files.keys()].every((k) => normalizeStudyPath(k).ok));
    });
  });
});
