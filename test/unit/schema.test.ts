import * as assert from 'assert';
import { formatProblem, parseCodingFile, parseProjectFile } from '../../src/core/schema';
import { serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { smallProject } from './helpers';

describe('project file schema', () => {
  it('round-trips a valid project through serialize and parse', () => {
    const text = serializeProject(smallProject());
    const parsed = parseProjectFile('codeboom.json', text);
    assert.ok(parsed.ok, parsed.ok ? '' : parsed.problems.map(formatProblem).join('\n'));
    assert.strictEqual(parsed.value.codes.length, 5);
    assert.strictEqual(serializeProject(parsed.value), text, 'serialisation is stable');
  });

  it('names the file, line and column of invalid JSON', () => {
    const r = parseProjectFile('codeboom.json', '{\n  "schemaVersion": 1,\n  "name": "x",,\n}');
    assert.ok(!r.ok);
    assert.match(formatProblem(r.problems[0]), /^codeboom\.json: not valid JSON \(line 3, column \d+\)/);
  });

  it('names the JSON path of a wrong type', () => {
    const p = JSON.parse(serializeProject(smallProject()));
    p.codes[2].color = 42;
    const r = parseProjectFile('codeboom.json', JSON.stringify(p));
    assert.ok(!r.ok);
    assert.strictEqual(formatProblem(r.problems[0]).split(':').slice(0, 2).join(':'), 'codeboom.json: codes[2].color');
  });

  it('reports unknown parent codes, link targets and cycles', () => {
    const p = JSON.parse(serializeProject(smallProject()));
    p.codes[1].parent = 'nope';
    p.links.push({ code: 'vertrouwen', factor: 'missing' });
    p.codes[0].parent = 'middelen';
    const r = parseProjectFile('codeboom.json', JSON.stringify(p));
    assert.ok(!r.ok);
    const messages = r.problems.map(formatProblem);
    assert.ok(
      messages.some((m) => m === 'codeboom.json: codes[1].parent: unknown code id "nope"'),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => m.startsWith('codeboom.json: links[2].factor: unknown factor id "missing"')),
      messages.join('\n'),
    );
    assert.ok(
      messages.some((m) => /its own ancestor/.test(m)),
      messages.join('\n'),
    );
  });

  it('refuses a file written by a newer version', () => {
    const r = parseProjectFile('codeboom.json', '{"schemaVersion": 99, "name": "x"}');
    assert.ok(!r.ok);
    assert.match(r.problems[0].message, /newer Codeboom/);
  });

  it('migrates a version-0 project (codebook key, no schemaVersion)', () => {
    const r = parseProjectFile('codeboom.json', JSON.stringify({ name: 'oud', codebook: [{ id: 'a', name: 'a', color: '#000000' }] }));
    assert.ok(r.ok, r.ok ? '' : r.problems.map(formatProblem).join('\n'));
    assert.strictEqual(r.value.schemaVersion, 1);
    assert.strictEqual(r.value.codes[0].name, 'a');
  });
});

describe('codings file schema', () => {
  const coding = {
    id: 'c1',
    doc: 'transcripts/A-1.md',
    coder: 'eva',
    codes: ['mandaat'],
    start: 10,
    end: 20,
    quote: 'x'.repeat(10),
    prefix: '',
    suffix: '',
    created: '2020-10-06T10:00:00Z',
  };

  it('round-trips and sorts codings by position', () => {
    const second = { ...coding, id: 'c0', start: 30, end: 35, quote: 'y'.repeat(5) };
    const text = serializeCodingFile('transcripts/A-1.md', 'eva', [second, coding]);
    const r = parseCodingFile('f.json', text, new Set(['mandaat']));
    assert.ok(r.ok);
    assert.deepStrictEqual(
      r.value.codings.map((c) => c.id),
      ['c1', 'c0'],
    );
    assert.strictEqual(r.value.codings[0].doc, 'transcripts/A-1.md');
  });

  it('reports unknown code ids, but not offsets past the end of the transcript (those are re-anchored)', () => {
    const text = serializeCodingFile('transcripts/A-1.md', 'eva', [
      { ...coding, codes: ['ghost'] },
      { ...coding, id: 'c2', end: 5000 },
    ]);
    const r = parseCodingFile('.codeboom/codings/transcripts/A-1.md.eva.json', text, new Set(['mandaat']));
    assert.ok(!r.ok);
    const messages = r.problems.map(formatProblem);
    assert.deepStrictEqual(messages, ['.codeboom/codings/transcripts/A-1.md.eva.json: codings[0].codes[0]: unknown code id "ghost"']);
  });

  it('rejects unknown keys and missing fields with their path', () => {
    const r = parseCodingFile(
      'f.json',
      JSON.stringify({ schemaVersion: 1, document: 'a.md', coder: 'eva', codings: [{ id: 'x', codes: [], start: 'a' }] }),
    );
    assert.ok(!r.ok);
    const paths = r.problems.map((p) => p.path.join('.'));
    assert.ok(paths.includes('codings.0.codes'), paths.join(','));
    assert.ok(paths.includes('codings.0.start'), paths.join(','));
  });
});
