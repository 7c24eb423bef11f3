import * as assert from 'assert';
import * as path from 'path';
import { StudyStore } from '../../src/core/store';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { autoCodeOps, findHits, foldKeepingLength, speakers } from '../../src/core/autocode';
import { saturation, saturationMarkdown } from '../../src/core/saturation';
import type { Study } from '../../src/core/study';
import { convertTranscript } from '../../src/core/transcripts';
import { smallStudyFs } from './helpers';

const SAMPLE = path.resolve(__dirname, '../../../sample/kennisdeling');

describe('auto-coding and saturation (sample study)', () => {
  let study: Study;
  let texts: Map<string, string>;
  beforeEach(async () => {
    const opened = await StudyStore.open(new NodeFileSystem(SAMPLE));
    study = opened.study;
    texts = new Map(study.documents.map((d) => [d.path, opened.store.text(d.path)!]));
  });

  it('folds case and diacritics without moving offsets', () => {
    assert.strictEqual(foldKeepingLength('Hiërarchie ÉÉN'), 'hierarchie een');
  });

  it('finds words loosely (case, diacritics), each hit with context', () => {
    const hits = findHits(study, texts, { kind: 'words', value: 'hierarchie' }, 'hit');
    assert.ok(hits.length > 3, `${hits.length} hits`);
    for (const h of hits) {
      assert.strictEqual(foldKeepingLength(h.match), 'hierarchie');
      assert.strictEqual(texts.get(h.doc)!.slice(h.start, h.end), h.match);
    }
  });

  it('widens hits to the sentence, the paragraph or the speaker turn, never including the label', () => {
    const q = { kind: 'phrase' as const, value: 'mandaat' };
    for (const scope of ['sentence', 'paragraph', 'turn'] as const) {
      for (const h of findHits(study, texts, q, scope)) {
        const span = texts.get(h.doc)!.slice(h.codeStart, h.codeEnd);
        assert.ok(h.codeStart <= h.start && h.codeEnd >= h.end, scope);
        assert.ok(!span.startsWith('**'), `${scope}: ${span.slice(0, 30)}`);
        if (scope === 'sentence') {
          assert.match(span, /[.!?]$/);
        }
      }
    }
  });

  it('finds all turns of a speaker', () => {
    assert.ok(speakers(texts).includes('Respondent A'));
    const hits = findHits(study, texts, { kind: 'speaker', value: 'Respondent A' }, 'hit');
    const docs = new Set(hits.map((h) => h.doc));
    assert.deepStrictEqual([...docs].sort(), ['transcripts/A-1.md', 'transcripts/A-2.md']);
    assert.ok(hits.every((h) => !h.match.startsWith('**')));
  });

  it('finds regular expressions', () => {
    const hits = findHits(study, texts, { kind: 'regex', value: '[Cc]orona(crisis|maatregelen)?' }, 'hit');
    assert.ok(hits.length > 0);
  });

  it('codes a batch in one transaction that one undo reverts', () => {
    const hits = findHits(study, texts, { kind: 'words', value: 'nieuwsbrief' }, 'sentence');
    const code = study.codes.find((c) => c.name === 'communicatiemiddelen')!.id;
    const before = study.codingCount;
    const ops = autoCodeOps(study, texts, hits, [code], 'auto');
    study.transact('auto-code', ops);
    assert.strictEqual(study.codingCount, before + ops.filter((o) => o.kind === 'addCoding').length);
    assert.ok(study.codingCount > before);
    study.undo();
    assert.strictEqual(study.codingCount, before);
  });

  it('saturation: transcripts in interview order, new codes per transcript, all codes in the end', () => {
    const points = saturation(study);
    const dates = points.map((p) => p.date!);
    assert.deepStrictEqual(dates, [...dates].sort());
    assert.strictEqual(points[points.length - 1].cumulative, study.codes.length);
    assert.strictEqual(
      points.reduce((n, p) => n + p.newCodes.length, 0),
      study.codes.length,
    );
    assert.ok(points[0].newCodes.length >= points[points.length - 1].newCodes.length);
    assert.match(saturationMarkdown(study, points), /\| 1 \| Respondent A, interview 1 \|/);
  });
});

describe('auto-coding transcripts imported from captions (turns with a [hh:mm:ss] marker)', () => {
  const VTT = [
    'WEBVTT',
    '',
    '00:00:01.000 --> 00:00:04.000',
    '<v Jan de Vries>Hoe wordt er gecoördineerd?',
    '',
    '00:00:05.000 --> 00:00:09.000',
    '<v Respondent B>Er is geen mandaat. Het vertrouwen is groot.',
    '',
    '00:01:10.000 --> 00:01:14.000',
    '<v Respondent B>Het mandaat ontbreekt echt.',
    '',
  ].join('\n');

  async function importedStudy(): Promise<{ study: Study; texts: Map<string, string> }> {
    const converted = await convertTranscript('gesprek.vtt', new TextEncoder().encode(VTT), {
      meta: { case: 'NDS', respondent: 'Respondent B', interview: 1, speakers: { 'Jan de Vries': 'Interviewer' } },
    });
    assert.strictEqual(converted.kind, 'converted');
    const markdown = converted.kind === 'converted' ? converted.markdown : '';
    assert.match(markdown, /\*\*Respondent B:\*\* \[00:00:05\]/, 'the import writes a time marker after the label');
    const opened = await StudyStore.open(smallStudyFs({ 'transcripts/B-1.md': markdown }));
    return { study: opened.study, texts: new Map(opened.study.documents.map((d) => [d.path, opened.store.text(d.path)!])) };
  }

  it('a speaker’s turns and a turn or sentence scope code the words, never the label or the time marker', async () => {
    const { study, texts } = await importedStudy();
    const spans = [
      ...findHits(study, texts, { kind: 'speaker', value: 'Respondent B' }, 'hit', ['transcripts/B-1.md']),
      ...findHits(study, texts, { kind: 'phrase', value: 'mandaat' }, 'turn', ['transcripts/B-1.md']),
      ...findHits(study, texts, { kind: 'phrase', value: 'mandaat' }, 'sentence', ['transcripts/B-1.md']),
    ].map((h) => texts.get(h.doc)!.slice(h.codeStart, h.codeEnd));
    assert.ok(spans.length >= 4, JSON.stringify(spans));
    for (const span of spans) {
      assert.ok(!/^\s*(\*\*|\[\d)/.test(span), `starts with a label or a marker: ${JSON.stringify(span.slice(0, 40))}`);
    }
    assert.ok(spans.includes('Er is geen mandaat.'), JSON.stringify(spans));
    assert.ok(
      spans.some((t) => t.startsWith('Er is geen mandaat. Het vertrouwen is groot.')),
      JSON.stringify(spans),
    );
  });
});
