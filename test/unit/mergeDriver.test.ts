/**
 * git's merge driver for study files: the three-way merge of whole files (properties over random
 * edits of both sides) and `codeboom merge-driver` as a real process on temp files.
 */
import * as assert from 'assert';
import { spawnSync } from 'child_process';
import fc from 'fast-check';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { Code, Coding, ProjectData } from '../../src/core/model';
import { parseCodingFile, parseProjectFile } from '../../src/core/schema';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { mergeKind, mergeStudyFile } from '../../src/core/store';
import { smallProject } from './helpers';

const CLI = path.resolve(__dirname, '../../src/cli/bin.js');

type Edit =
  | { kind: 'rename'; code: number; name: string }
  | { kind: 'define'; code: number; text: string }
  | { kind: 'child'; code: number; id: string }
  | { kind: 'delete'; code: number };

const editArb: fc.Arbitrary<Edit> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), code: fc.nat(20), name: fc.stringMatching(/^[a-zé]{1,6}$/) }),
  fc.record({ kind: fc.constant('define' as const), code: fc.nat(20), text: fc.string({ maxLength: 8 }) }),
  fc.record({ kind: fc.constant('child' as const), code: fc.nat(20), id: fc.stringMatching(/^[a-z]{1,4}$/) }),
  fc.record({ kind: fc.constant('delete' as const), code: fc.nat(20) }),
);

/** One side's codebook edits, as a person makes them in the extension. */
function edited(p: ProjectData, edits: readonly Edit[], side: string): ProjectData {
  let codes: Code[] = [...p.codes];
  for (const e of edits) {
    if (codes.length === 0) {
      break;
    }
    const target = codes[e.code % codes.length];
    if (e.kind === 'rename') {
      codes = codes.map((c) => (c.id === target.id ? { ...c, name: e.name } : c));
    } else if (e.kind === 'define') {
      codes = codes.map((c) => (c.id === target.id ? { ...c, definition: e.text } : c));
    } else if (e.kind === 'child') {
      const id = `${side}-${e.id}`;
      if (!codes.some((c) => c.id === id)) {
        codes.push({ id, name: id, parent: target.id, color: '#4e79a7' });
      }
    } else if (!codes.some((c) => c.parent === target.id)) {
      codes = codes.filter((c) => c.id !== target.id);
    }
  }
  return { ...p, codes, links: p.links.filter((l) => codes.some((c) => c.id === l.code)) };
}

function project(text: string): ProjectData {
  const r = parseProjectFile('codeboom.json', text);
  assert.ok(r.ok, JSON.stringify(!r.ok && r.problems));
  return r.value;
}

function mergedProject(base: ProjectData, ours: ProjectData, theirs: ProjectData) {
  const r = mergeStudyFile('codeboom.json', serializeProject(base), serializeProject(ours), serializeProject(theirs));
  assert.strictEqual(r.kind, 'project');
  return r as { kind: 'project'; text: string; conflicts: readonly unknown[] };
}

const byId = (codes: readonly Code[]): Code[] => [...codes].sort((a, b) => (a.id < b.id ? -1 : 1));

function coding(id: string, start: number, codes: string[]): Coding {
  return {
    id,
    doc: 'transcripts/a.md',
    coder: 'anna',
    codes,
    start,
    end: start + 3,
    quote: 'abc',
    prefix: '',
    suffix: '',
    created: '2026-01-01',
  };
}

const codingsArb = fc.uniqueArray(
  fc.record({ id: fc.stringMatching(/^[a-f0-9]{4}$/), start: fc.nat(100), code: fc.constantFrom('hier', 'mandaat', 'vertrouwen') }),
  { selector: (r) => r.id, maxLength: 8 },
);

describe('merge driver: three-way merge of study files', () => {
  it('tells study files from transcripts, in any study folder of the repository', () => {
    assert.strictEqual(mergeKind('codeboom.json'), 'project');
    assert.strictEqual(mergeKind('studie/codeboom.json'), 'project');
    assert.strictEqual(mergeKind('.codeboom/codings/transcripts/a.md.anna.json'), 'codings');
    assert.strictEqual(mergeKind('studie/.codeboom/codings/t/a.md.anna.json'), 'codings');
    assert.strictEqual(mergeKind('transcripts/a.md'), 'other');
    assert.strictEqual(mergeKind('transcripts/codeboom.json.md'), 'other');
  });

  it('merging with an unchanged side gives the other side, either way round', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 6 }), (edits) => {
        const base = smallProject();
        const x = project(serializeProject(edited(base, edits, 'x')));
        assert.strictEqual(mergedProject(base, base, x).text, serializeProject(x));
        assert.strictEqual(mergedProject(base, x, base).text, serializeProject(x));
      }),
    );
  });

  it('is symmetric where the sides do not disagree, and keeps every side’s change', () => {
    fc.assert(
      fc.property(fc.array(editArb, { maxLength: 6 }), fc.array(editArb, { maxLength: 6 }), (ea, eb) => {
        const base = smallProject();
        const a = edited(base, ea, 'a');
        const b = edited(base, eb, 'b');
        const ab = mergedProject(base, a, b);
        const ba = mergedProject(base, b, a);
        const codesAb = project(ab.text).codes;
        if (ab.conflicts.length === 0) {
          assert.deepStrictEqual(byId(codesAb), byId(project(ba.text).codes));
        }
        assert.strictEqual(ab.conflicts.length, ba.conflicts.length);
        // Every code a side added is there, under its parent if that one stayed.
        for (const c of [...a.codes, ...b.codes].filter((c) => !base.codes.some((x) => x.id === c.id))) {
          assert.ok(codesAb.some((x) => x.id === c.id));
        }
      }),
    );
  });

  it('keeps a rename of one side and the children and definition of the other', () => {
    const base = smallProject();
    const a = { ...base, codes: base.codes.map((c) => (c.id === 'hier' ? { ...c, name: 'hiërarchie en mandaat' } : c)) };
    const b = {
      ...base,
      codes: [
        ...base.codes.map((c) => (c.id === 'hier' ? { ...c, definition: 'Wie beslist.' } : c)),
        { id: 'lijn', name: 'lijnorganisatie', parent: 'hier', color: '#4e79a7' },
      ],
    };
    for (const [ours, theirs] of [
      [a, b],
      [b, a],
    ]) {
      const r = mergedProject(base, ours, theirs);
      assert.deepStrictEqual(r.conflicts, []);
      const codes = project(r.text).codes;
      const hier = codes.find((c) => c.id === 'hier')!;
      assert.strictEqual(hier.name, 'hiërarchie en mandaat');
      assert.strictEqual(hier.definition, 'Wie beslist.');
      assert.strictEqual(codes.find((c) => c.id === 'lijn')?.parent, 'hier');
    }
  });

  it('a code renamed differently on both sides: ours kept, theirs an alias, reported', () => {
    const base = smallProject();
    const rename = (name: string): ProjectData => ({ ...base, codes: base.codes.map((c) => (c.id === 'hier' ? { ...c, name } : c)) });
    const r = mergedProject(base, rename('gezag'), rename('macht'));
    assert.deepStrictEqual(r.conflicts, [{ code: 'hier', field: 'name', base: 'hiërarchie', ours: 'gezag', theirs: 'macht' }]);
    const hier = project(r.text).codes.find((c) => c.id === 'hier')!;
    assert.strictEqual(hier.name, 'gezag');
    assert.deepStrictEqual(hier.aliases, ['macht']);
  });

  it('codings files: every coding of both sides survives, and an unchanged side gives the other', () => {
    fc.assert(
      fc.property(codingsArb, codingsArb, codingsArb, (rb, ra, rt) => {
        const file = '.codeboom/codings/transcripts/a.md.anna.json';
        const text = (rs: typeof rb, tag: string): string =>
          serializeCodingFile(
            'transcripts/a.md',
            'anna',
            rs.map((r) => coding(`${tag}${r.id}`, r.start, [r.code])),
          );
        const [base, ours, theirs] = [text(rb, 'b'), text(ra, 'o'), text(rt, 't')];
        const r = mergeStudyFile(file, base, ours, theirs);
        assert.strictEqual(r.kind, 'codings');
        const parsed = parseCodingFile(file, (r as { text: string }).text);
        assert.ok(parsed.ok);
        const ids = new Set(parsed.value.codings.map((c) => c.id));
        // Both sides dropped the base's codings (new ids): what each side has survives, the base's go.
        for (const c of [...ra.map((x) => `o${x.id}`), ...rt.map((x) => `t${x.id}`)]) {
          assert.ok(ids.has(c), c);
        }
        assert.strictEqual(ids.size, ra.length + rt.length);
        assert.strictEqual((mergeStudyFile(file, base, base, theirs) as { text: string }).text, theirs);
        assert.strictEqual((mergeStudyFile(file, base, ours, base) as { text: string }).text, ours);
        // An add/add conflict (git gives an empty base): the union.
        const both = mergeStudyFile(file, '', ours, theirs) as { text: string };
        assert.strictEqual((parseCodingFile(file, both.text) as { value: { codings: unknown[] } }).value.codings.length, ids.size);
      }),
    );
  });

  it('a codings file whose transcript one side renamed (git followed the rename) belongs to the new name', () => {
    const base = serializeCodingFile('transcripts/a.md', 'anna', [coding('c1', 1, ['hier'])]);
    const renamed = serializeCodingFile('transcripts/b.md', 'anna', [coding('c1', 1, ['hier'])]);
    const added = serializeCodingFile('transcripts/a.md', 'anna', [coding('c1', 1, ['hier']), coding('c2', 9, ['mandaat'])]);
    for (const [ours, theirs] of [
      [renamed, added],
      [added, renamed],
    ]) {
      const r = mergeStudyFile('.codeboom/codings/transcripts/b.md.anna.json', base, ours, theirs) as { text: string };
      const parsed = parseCodingFile('x', r.text);
      assert.ok(parsed.ok);
      assert.strictEqual(parsed.value.document, 'transcripts/b.md');
      assert.deepStrictEqual(
        parsed.value.codings.map((c) => [c.id, c.doc]),
        [
          ['c1', 'transcripts/b.md'],
          ['c2', 'transcripts/b.md'],
        ],
      );
    }
  });
});

function driver(dir: string, base: string, ours: string, theirs: string, name: string) {
  const files = ['base', 'ours', 'theirs'].map((n) => path.join(dir, n));
  [base, ours, theirs].forEach((t, i) => fs.writeFileSync(files[i], t));
  const r = spawnSync(process.execPath, [CLI, 'merge-driver', ...files, name], { encoding: 'utf8', cwd: dir });
  return { code: r.status, err: r.stderr, result: fs.readFileSync(files[1], 'utf8') };
}

describe('codeboom merge-driver as a process', function () {
  this.timeout(30_000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-driver-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('writes the merged codeboom.json to %A and exits 0', () => {
    const base = smallProject();
    const a = { ...base, codes: base.codes.map((c) => (c.id === 'hier' ? { ...c, name: 'gezag' } : c)) };
    const b = { ...base, codes: [...base.codes, { id: 'new', name: 'nieuw', parent: 'hier', color: '#4e79a7' }] };
    const r = driver(dir, serializeProject(base), serializeProject(a), serializeProject(b), 'codeboom.json');
    assert.strictEqual(r.code, 0, r.err);
    const codes = project(r.result).codes;
    assert.strictEqual(codes.find((c) => c.id === 'hier')?.name, 'gezag');
    assert.strictEqual(codes.find((c) => c.id === 'new')?.parent, 'hier');
  });

  it('a true conflict exits 1 with valid JSON in %A and says so in git’s terms', () => {
    const base = smallProject();
    const rename = (name: string): string =>
      serializeProject({ ...base, codes: base.codes.map((c) => (c.id === 'hier' ? { ...c, name } : c)) });
    const r = driver(dir, serializeProject(base), rename('gezag'), rename('macht'), 'studie/codeboom.json');
    assert.strictEqual(r.code, 1);
    assert.doesNotMatch(r.result, /<<<<<<<|>>>>>>>/);
    assert.strictEqual(project(r.result).codes.find((c) => c.id === 'hier')?.name, 'gezag');
    assert.match(r.err, /renamed on both sides: kept "gezag", not "macht"/);
    assert.match(r.err, /git add studie\/codeboom\.json/);
  });

  it('a side that is not valid JSON: exit 1, ours left as it was', () => {
    const ours = serializeProject(smallProject());
    const r = driver(dir, ours, ours, '{ "name": <<<<<<< HEAD', 'codeboom.json');
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.result, ours);
    assert.match(r.err, /not merged/);
  });

  it('a transcript gets git’s own merge, not ours', () => {
    const r = driver(dir, 'a\nb\nc\n', 'A\nb\nc\n', 'a\nb\nC\n', 'transcripts/a.md');
    assert.strictEqual(r.code, 0, r.err);
    assert.strictEqual(r.result, 'A\nb\nC\n');
  });
});
