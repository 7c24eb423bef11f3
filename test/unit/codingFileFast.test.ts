/**
 * The codings-file fast path (src/core/codingFileFast.ts) against zod (codingFileSchemaV1): on valid
 * files and on files with one or more mutations (a value replaced by an edge case or any JSON value,
 * a key removed, a key added), both must give the same verdict, and the same value when they accept.
 */
import * as assert from 'assert';
import * as fc from 'fast-check';
import { fastCodingFile } from '../../src/core/codingFileFast';
import { codingFileSchemaV1, parseCodingFile } from '../../src/core/schema';

const EDGE: unknown[] = [
  '',
  'a',
  'x'.repeat(200),
  'x'.repeat(201),
  0,
  -1,
  1,
  2,
  1.5,
  2 ** 53 - 1,
  2 ** 53,
  1e300,
  true,
  false,
  null,
  [],
  {},
  [''],
  ['a'],
  ['x'.repeat(201)],
  'utf-16',
  'utf-8',
  'transcripts/T.md',
  '../T.md',
  'a/../T.md',
  './T.md',
  '/abs.md',
  'a\\b.md',
  'C:x.md',
  '.',
  '..',
  'eva/sam',
  'a\u0000b',
];
const KEYS = ['schemaVersion', 'document', 'coder', 'offsetEncoding', 'codings', 'id', 'codes', 'start', 'end', 'quote'];
const EXTRA_KEYS = ['__proto__', 'constructor', 'toString', 'extra', 'prefix', 'suffix', 'memo', 'modified', 'orphaned', 'created'];

const coding = fc.record(
  {
    id: fc.string({ minLength: 1, maxLength: 20 }),
    codes: fc.array(fc.string({ minLength: 1, maxLength: 5 }), { minLength: 1, maxLength: 3 }),
    start: fc.nat(10_000),
    end: fc.nat(10_000),
    quote: fc.string(),
    prefix: fc.string(),
    suffix: fc.string(),
    created: fc.string(),
    modified: fc.string(),
    memo: fc.string(),
    orphaned: fc.boolean(),
  },
  { requiredKeys: ['id', 'codes', 'start', 'end', 'quote', 'created'] },
);
const file = fc.record(
  {
    schemaVersion: fc.constant(1),
    document: fc.constantFrom('transcripts/T000.md', 'a.md', 'map met spatie/b.markdown', 'Ünïcode/ç.md'),
    coder: fc.constantFrom('eva', 'sam', 'x'.repeat(200), 'naam met spatie'),
    offsetEncoding: fc.constant('utf-16'),
    codings: fc.array(coding, { maxLength: 4 }),
  },
  { requiredKeys: ['schemaVersion', 'document', 'coder', 'codings'] },
);

type Mutation = { at: number; kind: 'set' | 'delete' | 'add'; key: number; value: unknown };
const mutation: fc.Arbitrary<Mutation> = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom<Mutation['kind']>('set', 'delete', 'add'),
  key: fc.nat(),
  value: fc.oneof(fc.constantFrom(...EDGE), fc.jsonValue({ maxDepth: 2 })),
});

/** Every object and array in the value, in a fixed order. */
function containers(v: unknown, out: Array<Record<string, unknown> | unknown[]> = []): Array<Record<string, unknown> | unknown[]> {
  if (typeof v === 'object' && v !== null) {
    out.push(v as Record<string, unknown>);
    for (const child of Object.values(v)) {
      containers(child, out);
    }
  }
  return out;
}

function mutate(root: unknown, m: Mutation): void {
  const all = containers(root);
  const target = all[m.at % all.length];
  if (Array.isArray(target)) {
    if (m.kind === 'delete' && target.length > 0) {
      target.splice(m.key % target.length, 1);
    } else if (m.kind === 'add' || target.length === 0) {
      target.push(m.value);
    } else {
      target[m.key % target.length] = m.value;
    }
    return;
  }
  const keys = Object.keys(target);
  if (m.kind === 'add') {
    // defineProperty: an own "__proto__" key, as JSON.parse makes one.
    Object.defineProperty(target, EXTRA_KEYS[m.key % EXTRA_KEYS.length], {
      value: m.value,
      enumerable: true,
      writable: true,
      configurable: true,
    });
  } else if (m.kind === 'delete' && keys.length > 0) {
    delete target[keys[m.key % keys.length]];
  } else {
    const key = keys.length > 0 && m.key % 3 !== 0 ? keys[m.key % keys.length] : KEYS[m.key % KEYS.length];
    target[key] = m.value;
  }
}

function compare(text: string): void {
  const zod = codingFileSchemaV1.safeParse(JSON.parse(text));
  const fast = fastCodingFile(JSON.parse(text));
  assert.strictEqual(fast !== undefined, zod.success, `verdicts differ on ${text}`);
  if (fast && zod.success) {
    assert.deepStrictEqual(fast, zod.data);
  }
}

describe('codings file fast path', () => {
  it('accepts exactly what zod accepts, giving what zod gives (valid files)', () => {
    fc.assert(
      fc.property(file, (f) => compare(JSON.stringify(f))),
      { numRuns: 500 },
    );
  });

  it('accepts exactly what zod accepts (mutated files)', () => {
    fc.assert(
      fc.property(file, fc.array(mutation, { minLength: 1, maxLength: 3 }), (generated, ms) => {
        // Copies: fast-check shrinks from the values it generated, which must stay as they were.
        const f = structuredClone(generated);
        for (const m of ms) {
          mutate(f, { ...m, value: structuredClone(m.value) });
        }
        compare(JSON.stringify(f));
      }),
      { numRuns: 3000 },
    );
  });

  it('parseCodingFile gives the same records through either path', () => {
    fc.assert(
      fc.property(file, (generated) => {
        const f = structuredClone(generated);
        // Unique ids and end ≥ start: the checks parseCodingFile adds to the shape.
        f.codings.forEach((c, i) => Object.assign(c, { id: `${i}-${c.id}`, end: Math.max(c.start, c.end) }));
        const text = JSON.stringify(f);
        const viaFile = parseCodingFile('.codeboom/codings/x.json', text);
        const zod = codingFileSchemaV1.parse(JSON.parse(text));
        assert.ok(viaFile.ok);
        assert.deepStrictEqual(
          viaFile.value.codings,
          zod.codings.map((c) => ({ ...c, doc: zod.document, coder: zod.coder })),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('gives the same records and problems with the codebook as a map and the transcript to share (views, interned ids)', () => {
    const codePool = ['a', 'b', 'c', 'unknown'];
    const record = fc.record({
      start: fc.nat(60),
      length: fc.nat(40),
      codes: fc.array(fc.constantFrom(...codePool), { minLength: 1, maxLength: 3 }),
      // Each of quote, prefix and suffix is the transcript's text there, or something else.
      own: fc.tuple(fc.boolean(), fc.boolean(), fc.boolean()),
      other: fc.string({ maxLength: 20 }),
      context: fc.integer({ min: 0, max: 32 }),
    });
    fc.assert(
      fc.property(fc.string({ minLength: 0, maxLength: 120 }), fc.array(record, { maxLength: 6 }), (text, records) => {
        const codings = records.map((r, i) => {
          const start = Math.min(r.start, text.length);
          const end = Math.min(start + r.length, text.length + (r.own[0] ? 0 : 5));
          const prefix = text.slice(Math.max(0, start - r.context), start);
          const suffix = text.slice(end, end + r.context);
          return {
            id: `id-${i}`,
            codes: r.codes,
            start,
            end,
            quote: r.own[0] ? text.slice(start, end) : r.other,
            prefix: r.own[1] ? prefix : r.other + prefix,
            suffix: r.own[2] ? suffix : suffix + r.other,
            created: '2026-12-01T00:00:00.000Z',
          };
        });
        const json = JSON.stringify({ schemaVersion: 1, document: 'a.md', coder: 'eva', codings });
        const known = ['a', 'b', 'c'];
        const plain = parseCodingFile('x.json', json, new Set(known));
        const shared = parseCodingFile('x.json', json, new Map(known.map((k) => [k, k])), (doc) => (doc === 'a.md' ? text : undefined));
        assert.deepStrictEqual(shared, plain);
        if (plain.ok) {
          assert.deepStrictEqual(
            plain.value.codings,
            codings.map((c) => ({ ...c, doc: 'a.md', coder: 'eva' })),
          );
        } else {
          assert.ok(plain.problems.every((p) => p.message.startsWith('unknown code id')));
        }
      }),
      { numRuns: 500 },
    );
  });
});
