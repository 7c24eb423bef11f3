import * as assert from 'assert';
import { StudyStore, createProject, mergeCodings } from '../../src/core/store';
import { StudyFileError } from '../../src/core/schema';
import { serializeCodingFile } from '../../src/core/serialize';
import { MemoryFileSystem } from '../../src/core/port';
import { emptyProject } from '../../src/core/model';
import type { Coding } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import { TRANSCRIPT_A, offsetOf, smallStudyFs } from './helpers';

function codingOn(text: string, doc: string, quote: string, codes: string[], coder = 'eva', id = quote): Coding {
  const [s, e] = offsetOf(text, quote);
  return { id, doc, coder, codes, ...makeAnchor(text, s, e), created: '2020-10-06T10:00:00.000Z' };
}

describe('study store', () => {
  it('opens a study: transcripts with front-matter attributes, codebook, links', async () => {
    const { study, problems } = await StudyStore.open(smallStudyFs());
    assert.deepStrictEqual(problems, []);
    assert.deepStrictEqual(
      study.documents.map((d) => d.path),
      ['transcripts/A-1.md', 'transcripts/D-1.md'],
    );
    assert.strictEqual(study.caseOf('transcripts/A-1.md'), 'NDS');
    assert.strictEqual(study.respondentOf('transcripts/D-1.md'), 'Respondent D');
    assert.strictEqual(study.attribute('transcripts/A-1.md', 'date'), '2020-10-06');
    assert.deepStrictEqual(study.cases(), ['NDS', 'QIHR']);
    assert.strictEqual(study.pathLabel('mandaat'), 'hiërarchie › mandaat');
    assert.deepStrictEqual(study.factorsOf('mandaat').sort(), ['f-coord', 'f-rollen']);
  });

  it('saves only the changed partition, atomically, and reads it back identically', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn(TRANSCRIPT_A, 'transcripts/A-1.md', 'geen mandaat', ['mandaat']) }]);
    const { written } = await store.save();
    assert.deepStrictEqual(written, ['.codeboom/codings/transcripts/A-1.md.eva.json']);
    assert.deepStrictEqual(fs.writes, written);
    const again = await StudyStore.open(fs);
    assert.strictEqual(again.study.codingCount, 1);
    assert.deepStrictEqual(again.study.codingsOf('transcripts/A-1.md')[0], study.codingsOf('transcripts/A-1.md')[0]);
    assert.deepStrictEqual((await store.save()).written, [], 'nothing dirty, nothing written');
  });

  it('keeps two coders in two files', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [
      { kind: 'addCoding', coding: codingOn(TRANSCRIPT_A, 'transcripts/A-1.md', 'geen mandaat', ['mandaat'], 'eva', 'a') },
      { kind: 'addCoding', coding: codingOn(TRANSCRIPT_A, 'transcripts/A-1.md', 'geen mandaat', ['mandaat'], 'sam', 'b') },
    ]);
    const { written } = await store.save();
    assert.deepStrictEqual(written.sort(), [
      '.codeboom/codings/transcripts/A-1.md.eva.json',
      '.codeboom/codings/transcripts/A-1.md.sam.json',
    ]);
  });

  it('opens read-only and writes nothing when a codings file is malformed', async () => {
    const bad =
      '{ "schemaVersion": 1, "document": "transcripts/A-1.md", "coder": "eva", "codings": [ { "id": "x", "codes": ["ghost"], "start": 1, "end": 999999, "quote": "", "created": "now" } ] }';
    const fs = smallStudyFs({ '.codeboom/codings/transcripts/A-1.md.eva.json': bad });
    const { store, study, problems } = await StudyStore.open(fs);
    assert.strictEqual(study.readOnly, true);
    assert.ok(problems.some((p) => p.file === '.codeboom/codings/transcripts/A-1.md.eva.json' && p.path.join('.') === 'codings.0.codes.0'));
    assert.throws(() => study.transact('x', [{ kind: 'removeLink', code: 'mandaat', factor: 'f-rollen' }]), /read-only/);
    await store.save();
    assert.deepStrictEqual(fs.writes, []);
    assert.strictEqual(fs.text('.codeboom/codings/transcripts/A-1.md.eva.json'), bad);
  });

  it('refuses to open without a valid project file', async () => {
    await assert.rejects(StudyStore.open(new MemoryFileSystem({})), StudyFileError);
    await assert.rejects(StudyStore.open(new MemoryFileSystem({ 'codeboom.json': '{' })), /codeboom\.json: not valid JSON/);
  });

  it('re-anchors codings when the transcript changed on disk and reports the counts', async () => {
    const fs = smallStudyFs();
    const doc = 'transcripts/A-1.md';
    const codings = [
      codingOn(TRANSCRIPT_A, doc, 'Het vertrouwen tussen de leden is groot', ['vertrouwen'], 'eva', 'v'),
      codingOn(TRANSCRIPT_A, doc, 'Ook ontbreekt het aan middelen en capaciteit.', ['middelen'], 'eva', 'm'),
      codingOn(TRANSCRIPT_A, doc, 'En het vertrouwen?', ['vertrouwen'], 'eva', 'q'),
    ];
    fs.set('.codeboom/codings/transcripts/A-1.md.eva.json', serializeCodingFile(doc, 'eva', codings));
    const edited = TRANSCRIPT_A.replace('# Interview', '# Het interview')
      .replace('middelen en capaciteit', 'middelen en capacitiet')
      .replace('**Interviewer:** En het vertrouwen?\n\n', '');
    fs.set(doc, edited);
    const { study, reanchored } = await StudyStore.open(fs);
    assert.deepStrictEqual(reanchored, [{ doc, moved: 1, fuzzy: 1, orphaned: 1 }]);
    const v = study.coding('v')!;
    assert.strictEqual(edited.slice(v.start, v.end), 'Het vertrouwen tussen de leden is groot');
    assert.strictEqual(study.coding('q')!.orphaned, true, 'kept as an orphan, not deleted');
    assert.strictEqual(study.codingCount, 3);
  });

  it('merges instead of overwriting when another coder changed the same file meanwhile', async () => {
    const fs = smallStudyFs();
    const doc = 'transcripts/A-1.md';
    const path = '.codeboom/codings/transcripts/A-1.md.eva.json';
    const first = codingOn(TRANSCRIPT_A, doc, 'geen mandaat', ['mandaat'], 'eva', 'one');
    fs.set(path, serializeCodingFile(doc, 'eva', [first]));
    const { store, study } = await StudyStore.open(fs);
    // Meanwhile, on disk (git pull): a new coding appears.
    const theirs = codingOn(TRANSCRIPT_A, doc, 'middelen', ['middelen'], 'eva', 'two');
    fs.set(path, serializeCodingFile(doc, 'eva', [first, theirs]));
    // And we add one in memory.
    study.transact('code', [
      { kind: 'addCoding', coding: codingOn(TRANSCRIPT_A, doc, 'vertrouwen tussen', ['vertrouwen'], 'eva', 'three') },
    ]);
    const { merged } = await store.save();
    assert.deepStrictEqual(merged, [path]);
    const reopened = await StudyStore.open(fs);
    assert.deepStrictEqual(
      reopened.study
        .codingsOf(doc)
        .map((c) => c.id)
        .sort(),
      ['one', 'three', 'two'],
    );
  });

  it('reloads a codings file changed on disk and ignores its own writes', async () => {
    const fs = smallStudyFs();
    const doc = 'transcripts/A-1.md';
    const { store, study } = await StudyStore.open(fs);
    study.transact('code', [{ kind: 'addCoding', coding: codingOn(TRANSCRIPT_A, doc, 'geen mandaat', ['mandaat'], 'eva', 'one') }]);
    const { written } = await store.save();
    assert.strictEqual((await store.fileChanged(written[0])).kind, 'ignored');
    const events: string[][] = [];
    study.onDidChange((e) => events.push([...e.docs]));
    fs.set(
      '.codeboom/codings/transcripts/A-1.md.sam.json',
      serializeCodingFile(doc, 'sam', [codingOn(TRANSCRIPT_A, doc, 'middelen', ['middelen'], 'sam', 'x')]),
    );
    assert.strictEqual((await store.fileChanged('.codeboom/codings/transcripts/A-1.md.sam.json')).kind, 'codings');
    assert.deepStrictEqual(events, [[doc]]);
    assert.strictEqual(study.codingCount, 2);
  });

  it('creates a project file but never overwrites one', async () => {
    const fs = new MemoryFileSystem();
    await createProject(fs, emptyProject('Nieuw'));
    assert.match(fs.text('codeboom.json')!, /"name": "Nieuw"/);
    await assert.rejects(createProject(fs, emptyProject('Anders')), /exists here already/);
    assert.match(fs.text('codeboom.json')!, /"name": "Nieuw"/);
  });

  it('three-way merge: a change of ours wins, deletions on either side stick', () => {
    const base: Coding[] = [
      { id: 'a', doc: 'd', coder: 'c', codes: ['x'], start: 0, end: 1, quote: 'a', prefix: '', suffix: '', created: 't' },
      { id: 'b', doc: 'd', coder: 'c', codes: ['x'], start: 1, end: 2, quote: 'b', prefix: '', suffix: '', created: 't' },
    ];
    const ours = [{ ...base[0], memo: 'mine' }];
    const theirs = [base[0], base[1], { ...base[1], id: 'c' }];
    const merged = mergeCodings(base, ours, theirs);
    assert.deepStrictEqual(merged.map((c) => [c.id, c.memo]).sort(), [
      ['a', 'mine'],
      ['c', undefined],
    ]);
  });
});

describe('backups', () => {
  it('copies every codings file before a bulk change', async () => {
    const { backupCodings } = await import('../../src/core/store');
    const fs = smallStudyFs({
      '.codeboom/codings/transcripts/A-1.md.eva.json': '{"x":1}',
      '.codeboom/codings/transcripts/D-1.md.sam.json': '{"y":2}',
    });
    const folder = await backupCodings(fs, 'stamp');
    assert.strictEqual(folder, '.codeboom/backups/stamp');
    assert.strictEqual(fs.text('.codeboom/backups/stamp/codings/transcripts/A-1.md.eva.json'), '{"x":1}');
    assert.strictEqual(fs.text('.codeboom/backups/stamp/codings/transcripts/D-1.md.sam.json'), '{"y":2}');
    const reopened = await StudyStore.open(fs).catch((e) => e);
    assert.ok(!(reopened instanceof Error), 'backups are not read as codings');
  });
});

describe('transcript folders', () => {
  it('a Markdown file outside the transcript folders is not taken as a transcript when it appears', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    fs.set('notes/idea.md', '# not a transcript');
    assert.strictEqual((await store.fileChanged('notes/idea.md')).kind, 'ignored');
    fs.set('transcripts/E-1.md', '---\ncase: QIHR\n---\n\nNieuw.');
    assert.strictEqual((await store.fileChanged('transcripts/E-1.md')).kind, 'transcript');
    assert.deepStrictEqual(
      study.documents.map((d) => d.path),
      ['transcripts/A-1.md', 'transcripts/D-1.md', 'transcripts/E-1.md'],
    );
  });
});
