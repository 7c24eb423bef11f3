/** Input that must not silently lose meaning or crash the load: huge files, deep codebooks. */
import * as assert from 'assert';
import fc from 'fast-check';
import { StudyStore, readTranscript } from '../../src/core/store';
import * as fsp from 'fs/promises';
import * as os from 'os';
import * as path from 'path';
import { MemoryFileSystem, NotUtf8Error, encodeText, guessEncoding, maxOf } from '../../src/core/port';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { serializeCodingFile } from '../../src/core/serialize';
import { emptyProject } from '../../src/core/model';
import type { Code, Coding, ProjectData } from '../../src/core/model';
import { serializeProject } from '../../src/core/serialize';
import { StudyFileError, formatProblem, parseProjectFile } from '../../src/core/schema';
import { codeCounts } from '../../src/core/codebookOps';
import { main, statistics } from '../../src/cli';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { applyCodes } from '../../src/core/coding';
import { Study } from '../../src/core/study';
import { exportCodebook, readCodebook } from '../../src/core/refi';
import { MAX_REFI_CODE_DEPTH } from '../../src/core/refi/codebook';
import { RefiError } from '../../src/core/refi/errors';
import { TRANSCRIPT_A, smallProject, smallStudyFs } from './helpers';
import { DOC, EVA, codingOn } from './safetyHelpers';

function project(codes: Code[]): ProjectData {
  return { ...emptyProject('Groot'), transcriptFolders: ['transcripts'], codes };
}

/** A codings file of `n` codings, written as text directly (serializing 500,000 records through the model would test the serializer, not the load). */
function hugeCodingFile(n: number): string {
  const quote = 'mandaat';
  const start = TRANSCRIPT_A.indexOf(quote);
  const parts: string[] = [];
  for (let i = 0; i < n; i++) {
    parts.push(
      `{"id":"c${i}","codes":["k"],"start":${start},"end":${start + quote.length},"quote":"${quote}","created":"2020-10-06T10:00:00.000Z"}`,
    );
  }
  return `{"schemaVersion":1,"document":"${DOC}","coder":"eva","codings":[${parts.join(',')}]}`;
}

describe('safety: input size and depth', () => {
  it('loads 500,000 codings from one file (no spread of an unbounded array into a call)', async function () {
    this.timeout(120000);
    const fs = new MemoryFileSystem({
      'codeboom.json': serializeProject(project([{ id: 'k', name: 'k', color: '#4e79a7' }])),
      [DOC]: TRANSCRIPT_A,
      [EVA]: hugeCodingFile(500000),
    });
    const { study, problems } = await StudyStore.open(fs);
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.codingCount, 500000);
    assert.strictEqual(codeCounts(study).get('k')!.total, 500000);
  });

  it('opens, validates and counts a 20,000-deep code chain', async () => {
    const n = 20000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({
      id: `k${i}`,
      name: `k${i}`,
      color: '#4e79a7',
      ...(i > 0 ? { parent: `k${i - 1}` } : {}),
    }));
    const text = serializeProject(project(codes));
    assert.ok(parseProjectFile('codeboom.json', text).ok);
    const { study, problems } = await StudyStore.open(new MemoryFileSystem({ 'codeboom.json': text, [DOC]: TRANSCRIPT_A }));
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.depthOf(`k${n - 1}`), n - 1);
    assert.strictEqual(study.subtree('k0').length, n);
    assert.strictEqual(
      maxOf(
        study.codes.map((c) => study.depthOf(c.id)),
        0,
      ),
      n - 1,
    );
    assert.strictEqual(codeCounts(study).size, n);
  });

  it('finds the cycle in a 20,000-long parent loop, once per code in the loop', () => {
    const n = 20000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({
      id: `k${i}`,
      name: `k${i}`,
      color: '#4e79a7',
      parent: `k${(i + 1) % n}`,
    }));
    const parsed = parseProjectFile(
      'codeboom.json',
      serializeProject(project([...codes, { id: 'x', name: 'x', color: '#4e79a7', parent: 'k0' }])),
    );
    assert.ok(!parsed.ok);
    assert.strictEqual(parsed.problems.length, n);
    assert.ok(parsed.problems.every((p) => /is its own ancestor/.test(p.message)));
  });

  it('opens a flat codebook of 100,000 codes', async () => {
    const n = 100000;
    const codes: Code[] = Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7' }));
    const { study, problems } = await StudyStore.open(
      new MemoryFileSystem({ 'codeboom.json': serializeProject(project(codes)), [DOC]: TRANSCRIPT_A }),
    );
    assert.deepStrictEqual(problems, []);
    assert.strictEqual(study.children(undefined).length, n);
    assert.strictEqual(statistics(study)['codebookDepth'], 1);
  });
});

/** "café “quoted”" in Windows-1252: é is 0xE9, the curly quotes 0x93 and 0x94; not UTF-8. */
const CP1252 = Uint8Array.from([0x63, 0x61, 0x66, 0xe9, 0x20, 0x93, 0x71, 0x94, 0x0a]);

describe('safety: files that are not UTF-8', () => {
  it('a Windows-1252 transcript is reported by name and encoding; its codings are neither re-anchored nor written', async () => {
    const fs = smallStudyFs();
    const codingFile = serializeCodingFile(DOC, 'eva', [codingOn('mandaat', ['mandaat'], 'c1')]);
    fs.set(EVA, codingFile);
    fs.set(DOC, concat(encodeText('---\ncase: NDS\n---\n'), CP1252, encodeText(TRANSCRIPT_A.slice(200))));
    const { store, study, problems } = await StudyStore.open(fs);
    assert.strictEqual(problems.length, 1, problems.map(formatProblem).join('\n'));
    assert.strictEqual(problems[0].file, DOC);
    assert.match(problems[0].message, /not UTF-8.*Windows-1252/);
    assert.ok(study.readOnly);
    assert.ok(!study.codingsOf(DOC).some((c) => c.quote.includes('\uFFFD')));
    await store.save();
    assert.deepStrictEqual(fs.writes, []);
    assert.strictEqual(fs.text(EVA), codingFile);
  });

  it('a Latin-1 codings file is reported and never rewritten', async () => {
    const fs = smallStudyFs();
    const bytes = encodeText(serializeCodingFile(DOC, 'eva', [{ ...codingOn('mandaat', ['mandaat'], 'c1'), memo: 'MEMO' }]));
    const i = bytes.findIndex((_, k) => bytes[k] === 0x4d && bytes[k + 1] === 0x45 && bytes[k + 2] === 0x4d);
    const latin1 = concat(bytes.slice(0, i), Uint8Array.from([0x63, 0x61, 0x66, 0xe9]), bytes.slice(i + 4));
    fs.set(EVA, latin1);
    const { store, study, problems } = await StudyStore.open(fs);
    assert.deepStrictEqual(
      problems.map((p) => p.file),
      [EVA],
    );
    assert.match(problems[0].message, /not UTF-8.*Latin-1/);
    assert.ok(study.readOnly);
    await store.save();
    assert.deepStrictEqual(fs.writes, []);
    assert.deepStrictEqual(fs.files.get(EVA)!.data, latin1);
  });

  it('a UTF-16 project file refuses to open with a sentence that names UTF-16 LE', async () => {
    const text = serializeProject(smallProject());
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16[0] = 0xff;
    utf16[1] = 0xfe;
    for (let k = 0; k < text.length; k++) {
      utf16[2 + 2 * k] = text.charCodeAt(k) & 0xff;
      utf16[3 + 2 * k] = text.charCodeAt(k) >> 8;
    }
    const fs = smallStudyFs();
    fs.set('codeboom.json', utf16);
    await assert.rejects(
      StudyStore.open(fs),
      (e: unknown) => e instanceof StudyFileError && /codeboom\.json is not UTF-8 text \(it looks like UTF-16 LE\)/.test(e.message),
    );
  });

  it('a transcript that stops being UTF-8 while the study is open is reported, its codings stay', async () => {
    const fs = smallStudyFs({ [EVA]: serializeCodingFile(DOC, 'eva', [codingOn('mandaat', ['mandaat'], 'c1')]) });
    const { store, study } = await StudyStore.open(fs);
    const before = study.codingsOf(DOC);
    fs.set(DOC, concat(CP1252, encodeText(TRANSCRIPT_A)));
    await assert.rejects(
      store.fileChanged(DOC),
      (e: unknown) => e instanceof StudyFileError && e.problems[0].file === DOC && /Windows-1252/.test(e.message),
    );
    assert.deepStrictEqual(study.codingsOf(DOC), before);
  });

  it('NodeFileSystem.readText decodes strictly (readFile(…, "utf8") replaced bytes silently)', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'codeboom-utf8-'));
    try {
      await fsp.writeFile(path.join(dir, 'a.md'), CP1252);
      await fsp.writeFile(path.join(dir, 'b.md'), '\uFEFFcafé');
      const nfs = new NodeFileSystem(dir);
      await assert.rejects(
        nfs.readText('a.md'),
        (e: unknown) => e instanceof NotUtf8Error && e.file === 'a.md' && e.encoding === 'Windows-1252/Latin-1',
      );
      assert.strictEqual(await nfs.readText('b.md'), 'café');
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });

  it('guessEncoding: BOMs tell UTF-16, zero bytes hint at it, else Windows-1252/Latin-1', () => {
    assert.strictEqual(guessEncoding(Uint8Array.from([0xfe, 0xff, 0, 0x61])), 'UTF-16 BE');
    assert.strictEqual(guessEncoding(Uint8Array.from([0x61, 0, 0x62, 0])), 'UTF-16 LE');
    assert.strictEqual(guessEncoding(CP1252), 'Windows-1252/Latin-1');
  });
});

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const p of parts) {
    out.set(p, at);
    at += p.length;
  }
  return out;
}

describe('safety: front matter that does not parse', () => {
  const body = '\n# Interview\n\n**Respondent A:** Er is geen mandaat.\n';
  const broken: ReadonlyArray<readonly [string, string, number]> = [
    ['bad indentation', '---\ncase: NDS\n  respondent: A\n---\n', 2],
    ['no closing ---', '---\ncase: NDS\nrespondent: A\n', 1],
    ['duplicate keys', '---\ncase: NDS\nrespondent: A\ncase: QIHR\n---\n', 4],
    ['a tab as indentation', '---\ncase: NDS\n\trespondent: A\n---\n', 3],
    // The parser notices an unclosed quote or bracket where the text ends (the closing fence, the next key).
    ['an unclosed quote', '---\ncase: NDS\nrespondent: "A\n---\n', 4],
    ['an unclosed flow sequence', '---\ncase: [NDS\ninterview: 1\n---\n', 3],
    ['a list instead of key: value lines', '---\n- NDS\n- A\n---\n', 2],
  ];
  for (const [what, fm, line] of broken) {
    it(`${what}: an error with its line in the file`, () => {
      const r = parseFrontMatter(fm + body);
      assert.ok(r.error, 'an error');
      assert.strictEqual(r.errorLine, line, r.error);
      assert.deepStrictEqual(r.attributes, {});
    });
  }

  it('front matter nested 100,000 deep is an error in words, not a stack overflow', () => {
    const r = parseFrontMatter(`---\ncase: ${'['.repeat(100000)}${']'.repeat(100000)}\n---\n${body}`);
    assert.strictEqual(r.error, 'the front matter is nested too deeply to read');
    assert.strictEqual(r.errorLine, 2);
  });

  it('good front matter has no error, also empty or absent', () => {
    for (const text of [
      '---\ncase: NDS\nrespondent: A\ninterview: 1\n---\n' + body,
      '---\n---\n' + body,
      body,
      '---\r\ncase: NDS\r\n---\r\n' + body,
    ]) {
      assert.strictEqual(parseFrontMatter(text).error, undefined, text);
    }
  });

  it('the study opens writable with a warning naming the transcript and line; the transcript stays codable', async () => {
    const text = TRANSCRIPT_A.replace('respondent: Respondent A\n', 'respondent: Respondent A\ncase: QIHR\n');
    const fs = smallStudyFs({ [DOC]: text });
    const { study, store, problems } = await StudyStore.open(fs);
    assert.strictEqual(problems.length, 1);
    assert.strictEqual(problems[0].file, DOC);
    assert.strictEqual(problems[0].severity, 'warning');
    assert.match(formatProblem(problems[0]), /^transcripts\/A-1\.md: front matter not read \(line 4, column \d+\): .*unique/);
    assert.ok(!study.readOnly);
    const [s, e] = [text.indexOf('mandaat'), text.indexOf('mandaat') + 'mandaat'.length];
    study.transact('code', applyCodes(study, DOC, text, [{ start: s, end: e }], ['mandaat'], 'eva', '2020-10-06T10:00:00.000Z'));
    const { written } = await store.save();
    assert.deepStrictEqual(written, [EVA]);
  });

  it('a transcript whose front matter breaks or is fixed on disk while open: fileChanged gives its warnings now', async () => {
    const fs = smallStudyFs();
    const { store, study } = await StudyStore.open(fs);
    const broken = TRANSCRIPT_A.replace('interview: 1\n', 'interview: 1\n\tdate: x\n');
    fs.set(DOC, broken);
    const change = await store.fileChanged(DOC);
    assert.strictEqual(change.kind, 'transcript');
    assert.deepStrictEqual(
      change.warnings?.map((w) => [w.file, w.severity]),
      [[DOC, 'warning']],
    );
    assert.deepStrictEqual(study.document(DOC)!.attributes, {});
    assert.ok(!study.readOnly);
    fs.set(DOC, TRANSCRIPT_A);
    const fixed = await store.fileChanged(DOC);
    assert.deepStrictEqual(fixed.warnings, []);
    assert.strictEqual(study.document(DOC)!.attributes['case'], 'NDS');
  });

  it('CLI validate reports the warning with file and line and exits 1', async () => {
    const dir = await fsp.mkdtemp(path.join(os.tmpdir(), 'codeboom-fm-'));
    try {
      await fsp.writeFile(path.join(dir, 'codeboom.json'), serializeProject(smallProject()));
      await fsp.mkdir(path.join(dir, 'transcripts'));
      await fsp.writeFile(path.join(dir, 'transcripts', 'A-1.md'), '---\ncase: NDS\n\trespondent: A\n---\n' + body);
      let err = '';
      const code = await main(['validate', dir], { out: () => undefined, err: (t) => (err += t + '\n') });
      assert.strictEqual(code, 1, err);
      assert.match(err, /^warning: transcripts\/A-1\.md: front matter not read \(line 3, column \d+\): Tabs/m);
      assert.match(err, /1 warning:/);
    } finally {
      await fsp.rm(dir, { recursive: true, force: true });
    }
  });
});

describe('safety: deep codebooks in REFI-QDA export', () => {
  const chain = (n: number): Study =>
    new Study(
      project(
        Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7', ...(i > 0 ? { parent: `k${i - 1}` } : {}) })),
      ),
    );

  it('a codebook as deep as a REFI-QDA file holds exports and reads back', () => {
    const xml = exportCodebook(chain(MAX_REFI_CODE_DEPTH));
    assert.strictEqual(readCodebook(encodeText(xml), 'deep.qdc').codes.length, 1);
  });

  it('a 20,000-deep codebook is refused with a sentence, not a stack overflow or the builder’s "Maximum nested tags exceeded"', () => {
    for (const n of [MAX_REFI_CODE_DEPTH + 1, 200, 20000]) {
      assert.throws(
        () => exportCodebook(chain(n)),
        (e: unknown) => e instanceof RefiError && new RegExp(`codebook is ${n} levels deep`).test(e.message),
      );
    }
  });
});

describe('safety: walks over the code tree', () => {
  it('treeOrder gives depth-first order with depths, like a recursive walk, on random trees; and copes with 20,000 levels', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(), { maxLength: 60 }), (parents) => {
        // Code i hangs under an earlier code, or (one time in three) at the top.
        const codes: Code[] = parents.map((p, i) => ({
          id: `k${i}`,
          name: `k${i}`,
          color: '#4e79a7',
          ...(i > 0 && p % 3 !== 0 ? { parent: `k${p % i}` } : {}),
        }));
        const study = new Study(project(codes));
        const expected: string[] = [];
        const visit = (parent: string | undefined, depth: number): void => {
          for (const c of study.children(parent)) {
            expected.push(`${c.id}@${depth}`);
            visit(c.id, depth + 1);
          }
        };
        visit(undefined, 0);
        assert.deepStrictEqual(
          study.treeOrder().map((x) => `${x.code.id}@${x.depth}`),
          expected,
        );
        assert.deepStrictEqual(
          study.treeOrder().map((x) => x.depth),
          study.treeOrder().map((x) => study.depthOf(x.code.id)),
        );
      }),
    );
    const n = 20000;
    const deep = new Study(
      project(
        Array.from({ length: n }, (_, i) => ({ id: `k${i}`, name: `k${i}`, color: '#4e79a7', ...(i > 0 ? { parent: `k${i - 1}` } : {}) })),
      ),
    );
    const order = deep.treeOrder();
    assert.strictEqual(order.length, n);
    assert.strictEqual(order[n - 1].depth, n - 1);
    assert.strictEqual(deep.treeOrder(undefined, (c) => c.id === 'k10').length, 10);
  });
});

describe('safety: code counts without ancestor chains', () => {
  it('codeCounts equals counting, per code, the codings with a code in its subtree (random trees and codings)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.nat(), { minLength: 1, maxLength: 25 }),
        fc.array(fc.array(fc.nat(), { minLength: 1, maxLength: 4 }), { maxLength: 40 }),
        (parents, codingCodes) => {
          const codes: Code[] = parents.map((p, i) => ({
            id: `k${i}`,
            name: `k${i}`,
            color: '#4e79a7',
            ...(i > 0 && p % 3 !== 0 ? { parent: `k${p % i}` } : {}),
          }));
          // every third coding is of a transcript that is missing: not counted, but counted apart (core/counting)
          const codings: Coding[] = codingCodes.map((cs, j) => ({
            ...codingOn('mandaat', [...new Set(cs.map((c) => `k${c % codes.length}`))], `c${j}`),
            ...(j % 3 === 2 ? { doc: 'transcripts/gone.md' } : {}),
          }));
          const study = new Study(project(codes), [readTranscript(DOC, TRANSCRIPT_A)], codings);
          const counts = codeCounts(study);
          for (const code of codes) {
            const below = new Set(study.subtree(code.id));
            const present = codings.filter((c) => c.doc === DOC);
            const gone = codings.filter((c) => c.doc !== DOC);
            const total = present.filter((c) => c.codes.some((x) => below.has(x))).length;
            const own = present.filter((c) => c.codes.includes(code.id)).length;
            const uncounted = gone.filter((c) => c.codes.some((x) => below.has(x))).length;
            assert.deepStrictEqual(counts.get(code.id), { own, total, uncounted }, code.id);
          }
        },
      ),
    );
  });
});
