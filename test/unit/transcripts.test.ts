// Importing transcripts (issue 14 §1): each format from fixture bytes made here — a real .docx
// zipped with the repository's zip writer and read by mammoth, a Teams .vtt with voice tags, an .srt
// with CRLF, a Windows-1252 .txt — and properties of the cue-to-turn merge.
import * as assert from 'assert';
import fc from 'fast-check';
import { writeZip } from '../../src/core/refi/zip';
import { parseFrontMatter } from '../../src/core/frontMatter';
import { speakers as studySpeakers } from '../../src/core/autocode';
import type { Cue, SourceTranscript } from '../../src/core/transcripts';
import {
  convertTranscript,
  cuesToBlocks,
  freeName,
  parseSrt,
  parseVtt,
  readTranscript,
  renderTranscript,
  suggestSpeakerLabels,
  textToBlocks,
  timeMarker,
  transcriptFileName,
} from '../../src/core/transcripts';
import { readDocxWithMammoth } from '../../src/platform/docxText';
import { makeDocx } from './docxFixture';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

const TEAMS_VTT = `WEBVTT

8f3b2c1a-1/12-0
00:00:03.120 --> 00:00:06.480
<v Jan de Vries>Dank u wel dat u tijd wilt maken.</v>

8f3b2c1a-1/13-0
00:00:06.480 --> 00:00:08.000
<v Jan de Vries>Is het goed dat ik opneem?</v>

8f3b2c1a-1/20-0
00:00:09.250 --> 00:00:12.900
<v Piet Jansen>Ja hoor, dat is prima &amp; zeg gerust je.</v>

NOTE a note Teams does not write, but WebVTT allows

8f3b2c1a-1/30-0
00:12:34.000 --> 00:57:10.500
<v Jan de Vries>Tot slot: <i>hoe</i> kijkt u terug?</v>
`;

const SRT_CRLF = [
  '1',
  '00:00:01,000 --> 00:00:04,000',
  'Interviewer: Goedemorgen.',
  '',
  '2',
  '00:00:04,500 --> 00:00:07,250',
  'Respondent B: Goedemorgen,',
  'fijn dat het lukt.',
  '',
  '3',
  '00:00:07,300 --> 00:00:09,000',
  'nog even koffie halen.',
  '',
  '4',
  '00:01:05,000 --> 00:01:09,000',
  'Interviewer: Zullen we beginnen?',
  '',
].join('\r\n');

function read(source: Awaited<ReturnType<typeof readTranscript>>): SourceTranscript {
  assert.strictEqual(source.kind, 'read', JSON.stringify(source));
  return source as SourceTranscript;
}

describe('transcript import (core/transcripts)', () => {
  it('reads a real .docx through mammoth: speaker labels become turns, the creation date the date', async () => {
    const bytes = makeDocx([
      'Interview 3 — kennisdeling',
      'Interviewer: Dank u wel voor uw tijd.',
      'Respondent A: Graag gedaan.',
      'Ik werk hier nu vier jaar.',
      'I: Hoe begon het netwerk?',
      'R: Dat was toeval & geluk.',
    ]);
    const result = await convertTranscript('Interview Jan.docx', bytes, {
      readDocx: readDocxWithMammoth,
      meta: {
        case: 'NDS',
        respondent: 'Respondent A',
        interview: 3,
        speakers: { I: 'Interviewer', R: 'Respondent A' },
        title: 'Interview A – 3',
      },
    });
    assert.strictEqual(result.kind, 'converted', JSON.stringify(result));
    if (result.kind !== 'converted') return;
    assert.strictEqual(result.fileName, 'Respondent A-3.md');
    const fm = parseFrontMatter(result.markdown);
    assert.deepStrictEqual(fm.attributes, {
      title: 'Interview A – 3',
      case: 'NDS',
      respondent: 'Respondent A',
      interview: 3,
      date: '2024-03-12',
    });
    const body = result.markdown.slice(fm.bodyStart);
    assert.ok(body.includes('\n\nInterview 3 — kennisdeling\n\n'), body);
    assert.ok(
      body.includes('**Interviewer:** Dank u wel voor uw tijd.\n\n**Respondent A:** Graag gedaan. Ik werk hier nu vier jaar.\n\n'),
      body,
    );
    assert.ok(body.includes('**Interviewer:** Hoe begon het netwerk?\n\n**Respondent A:** Dat was toeval & geluk.\n'), body);
    assert.deepStrictEqual(
      result.source.speakers.map((s) => s.name),
      ['Interviewer', 'Respondent A', 'I', 'R'],
    );
    // The study's speaker auto-coding reads the labels written.
    assert.deepStrictEqual(studySpeakers(new Map([['t.md', result.markdown]])), ['Interviewer', 'Respondent A']);
  });

  it('refuses a password-protected .docx (an OLE file with an EncryptedPackage), a .doc, a damaged zip and a .docx without a reader', async () => {
    const ole = new Uint8Array(2048);
    ole.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    const name = 'EncryptedPackage';
    for (let i = 0; i < name.length; i++) ole[600 + 2 * i] = name.charCodeAt(i);
    assert.deepStrictEqual(await readTranscript('a.docx', ole, { readDocx: readDocxWithMammoth }), {
      kind: 'refused',
      reason: 'encrypted',
    });
    const doc = new Uint8Array(2048);
    doc.set([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]);
    assert.deepStrictEqual(await readTranscript('b.docx', doc, { readDocx: readDocxWithMammoth }), {
      kind: 'refused',
      reason: 'unsupported',
      detail: '.doc',
    });
    assert.deepStrictEqual(await readTranscript('c.docx', utf8('not a zip'), { readDocx: readDocxWithMammoth }), {
      kind: 'refused',
      reason: 'damaged',
    });
    const noDocument = writeZip([['word/other.xml', utf8('<x/>')]]);
    assert.strictEqual((await readTranscript('d.docx', noDocument, { readDocx: readDocxWithMammoth })).kind, 'refused');
    assert.deepStrictEqual(await readTranscript('e.docx', makeDocx(['x'])), { kind: 'refused', reason: 'unsupported', detail: '.docx' });
  });

  it('merges a Teams .vtt into speaker turns with time markers; voice names map to pseudonyms; duration from the last cue', async () => {
    const source = read(await readTranscript('GMT20240315-101500_Recording.transcript.vtt', utf8(TEAMS_VTT)));
    assert.deepStrictEqual(source.speakers, [
      { name: 'Jan de Vries', turns: 2 },
      { name: 'Piet Jansen', turns: 1 },
    ]);
    assert.strictEqual(source.date, '2024-03-15');
    assert.strictEqual(source.durationSeconds, 57 * 60 + 10.5);
    const md = renderTranscript(source, {
      respondent: 'Respondent C',
      speakers: { 'Jan de Vries': 'Interviewer', 'Piet Jansen': 'Respondent C' },
    });
    const fm = parseFrontMatter(md);
    assert.deepStrictEqual(fm.attributes, { respondent: 'Respondent C', date: '2024-03-15', duration_minutes: 57 });
    assert.strictEqual(
      md.slice(fm.bodyStart),
      '\n**Interviewer:** [00:00:03] Dank u wel dat u tijd wilt maken. Is het goed dat ik opneem?\n\n' +
        '**Respondent C:** [00:00:09] Ja hoor, dat is prima & zeg gerust je.\n\n' +
        '**Interviewer:** [00:12:34] Tot slot: hoe kijkt u terug?\n',
    );
    assert.ok(!md.includes('Jan de Vries') && !md.includes('Piet Jansen'), 'no real name is written');
  });

  it('reads an .srt with CRLF: "Name:" labels start turns, unlabelled cues continue the turn', async () => {
    const source = read(await readTranscript('gesprek.srt', utf8(SRT_CRLF)));
    assert.deepStrictEqual(source.blocks, [
      { kind: 'turn', speaker: 'Interviewer', time: 1, text: 'Goedemorgen.' },
      { kind: 'turn', speaker: 'Respondent B', time: 4.5, text: 'Goedemorgen, fijn dat het lukt. nog even koffie halen.' },
      { kind: 'turn', speaker: 'Interviewer', time: 65, text: 'Zullen we beginnen?' },
    ]);
    assert.strictEqual(source.durationSeconds, 69);
    assert.ok(!renderTranscript(source, {}).includes('\r'));
  });

  it('makes paragraphs with time markers of captions without speakers (Whisper), breaking at pauses', () => {
    const cues = parseVtt(
      'WEBVTT\n\n00:00.000 --> 00:02.000\nHello there.\n\n00:02.000 --> 00:04.000\nHow are you?\n\n00:09.000 --> 00:11.000\nAfter a pause.\n',
    );
    assert.deepStrictEqual(cuesToBlocks(cues), [
      { kind: 'paragraph', time: 0, text: 'Hello there. How are you?' },
      { kind: 'paragraph', time: 9, text: 'After a pause.' },
    ]);
    assert.strictEqual(parseSrt('').length, 0);
  });

  it('refuses a Windows-1252 .txt with what it looks like, never garbled; reads UTF-16 with a BOM', async () => {
    // "Geïnterviewde: café" in Windows-1252: ï = 0xEF, é = 0xE9.
    const cp1252 = Uint8Array.from(
      [...'Ge']
        .map((c) => c.charCodeAt(0))
        .concat(
          [0xef],
          [...'nterviewde: caf'].map((c) => c.charCodeAt(0)),
          [0xe9],
        ),
    );
    assert.deepStrictEqual(await readTranscript('oud.txt', cp1252), { kind: 'refused', reason: 'notUtf8', detail: 'Windows-1252/Latin-1' });
    const text = 'Interviewer: café?\nRespondent: ja.\n';
    const utf16 = new Uint8Array(2 + text.length * 2);
    utf16.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) utf16[2 + 2 * i] = text.charCodeAt(i);
    const source = read(await readTranscript('utf16.txt', utf16));
    assert.deepStrictEqual(source.blocks, [
      { kind: 'turn', speaker: 'Interviewer', text: 'café?' },
      { kind: 'turn', speaker: 'Respondent', text: 'ja.' },
    ]);
  });

  it('finds speaker labels in text: roles once, other labels only when repeated, label lines with a time', () => {
    const blocks = textToBlocks(
      [
        'Datum: 12 maart 2024',
        '',
        'Spreker 1 [00:00:05]',
        'Goedemiddag.',
        '',
        'Spreker 2 [00:00:09]',
        'Hallo.',
        '',
        'Marieke: Eerste vraag.',
        '**Marieke:** Tweede vraag.',
        'Respondent A (00:03:10): Antwoord.',
        '',
        '## Deel 2',
        '',
        'Dat was het: einde.',
      ].join('\n'),
    );
    assert.deepStrictEqual(blocks, [
      { kind: 'paragraph', text: 'Datum: 12 maart 2024' },
      { kind: 'turn', speaker: 'Spreker 1', time: 5, text: 'Goedemiddag.' },
      { kind: 'turn', speaker: 'Spreker 2', time: 9, text: 'Hallo.' },
      { kind: 'turn', speaker: 'Marieke', text: 'Eerste vraag.' },
      { kind: 'turn', speaker: 'Marieke', text: 'Tweede vraag.' },
      { kind: 'turn', speaker: 'Respondent A', time: 190, text: 'Antwoord.' },
      { kind: 'paragraph', text: '## Deel 2' },
      { kind: 'paragraph', text: 'Dat was het: einde.' },
    ]);
  });

  it("keeps a Markdown source's front matter and heading; the dialog's values win", async () => {
    const md = '---\ncase: QIHR\nrespondent: X\nsector: zorg\n---\n\n# Mijn interview\n\n**Interviewer:** Vraag?\n\n**X:** Antwoord.\n';
    const result = await convertTranscript('mijn.md', utf8(md), {
      meta: { respondent: 'Respondent F', interview: '2', speakers: { X: 'Respondent F' }, title: 'T' },
    });
    assert.strictEqual(result.kind, 'converted');
    if (result.kind !== 'converted') return;
    const fm = parseFrontMatter(result.markdown);
    assert.deepStrictEqual(fm.attributes, { title: 'T', case: 'QIHR', respondent: 'Respondent F', interview: 2, sector: 'zorg' });
    assert.strictEqual(
      result.markdown.slice(fm.bodyStart),
      '\n# Mijn interview\n\n**Interviewer:** Vraag?\n\n**Respondent F:** Antwoord.\n',
    );
  });

  it('refuses .odt and other formats, empty files and files over the limit, with typed reasons', async () => {
    assert.deepStrictEqual(await readTranscript('a.odt', utf8('x')), { kind: 'refused', reason: 'unsupported', detail: '.odt' });
    assert.deepStrictEqual(await readTranscript('a.pdf', utf8('x')), { kind: 'refused', reason: 'unsupported', detail: '.pdf' });
    assert.deepStrictEqual(await readTranscript('a.txt', new Uint8Array(0)), { kind: 'refused', reason: 'empty' });
    assert.deepStrictEqual(await readTranscript('a.txt', utf8(' \n\n\t\n')), { kind: 'refused', reason: 'empty' });
    assert.deepStrictEqual(await readTranscript('a.vtt', utf8('WEBVTT\n\n')), { kind: 'refused', reason: 'empty' });
    assert.deepStrictEqual(await readTranscript('a.txt', utf8('123456'), { maxBytes: 5 }), {
      kind: 'refused',
      reason: 'tooLarge',
      detail: '6',
    });
  });

  it('proposes a pseudonymous file name and never a taken one', () => {
    assert.strictEqual(transcriptFileName('Jan de Vries 2024.docx', {}), 'Jan de Vries 2024.md');
    assert.strictEqual(transcriptFileName('Jan de Vries.docx', { respondent: 'Respondent A', interview: 2 }), 'Respondent A-2.md');
    assert.strictEqual(transcriptFileName('x.vtt', { respondent: 'a/b:c' }), 'a-b-c.md');
    assert.strictEqual(transcriptFileName('.vtt', {}), 'transcript.md');
    const taken = new Set(['a-1.md', 'a-1-2.md']);
    assert.strictEqual(
      freeName('A-1.md', (n) => taken.has(n.toLowerCase())),
      'A-1-3.md',
    );
    assert.strictEqual(timeMarker(3 * 3600 + 62.9), '[03:01:02]');
  });

  it('proposes speaker labels that never repeat a real name', () => {
    const n = (i: number): string => `Speaker ${i}`;
    assert.deepStrictEqual(suggestSpeakerLabels([{ name: 'Jan de Vries' }, { name: 'Piet Jansen' }], 'Respondent C', n), {
      'Jan de Vries': 'Interviewer',
      'Piet Jansen': 'Respondent C',
    });
    assert.deepStrictEqual(suggestSpeakerLabels([{ name: 'I' }, { name: 'R' }], 'Respondent C', n), {
      I: 'Interviewer',
      R: 'Respondent C',
    });
    assert.deepStrictEqual(
      suggestSpeakerLabels([{ name: 'Interviewer' }, { name: 'Ann' }, { name: 'Bo' }, { name: 'Spreker 3' }], undefined, n),
      {
        Interviewer: 'Interviewer',
        Ann: 'Speaker 1',
        Bo: 'Speaker 2',
        'Spreker 3': 'Spreker 3',
      },
    );
  });

  describe('properties', () => {
    const word = fc.stringMatching(/^[a-zé?.,!]{1,8}$/);
    const cueText = fc.array(word, { minLength: 1, maxLength: 6 }).map((ws) => ws.join(' '));
    const cueList = fc
      .array(
        fc.record({
          gap: fc.integer({ min: 0, max: 5000 }),
          length: fc.integer({ min: 0, max: 8000 }),
          speaker: fc.option(fc.constantFrom('A', 'B', 'Jan de Vries'), { nil: undefined }),
          text: cueText,
        }),
        {
          maxLength: 40,
        },
      )
      .map((items) => {
        let t = 0;
        return items.map((i): Cue => {
          const start = (t += i.gap) / 1000;
          t += i.length;
          return { start, end: t / 1000, ...(i.speaker !== undefined ? { speaker: i.speaker } : {}), text: i.text };
        });
      });

    it("any cue list becomes blocks whose text, in order, is the cues' text", () => {
      fc.assert(
        fc.property(cueList, (cues) => {
          const blocks = cuesToBlocks(cues);
          assert.strictEqual(blocks.map((b) => b.text).join(' '), cues.map((c) => c.text).join(' '));
          // A new turn starts exactly where the speaker changes.
          for (const b of blocks) {
            assert.ok(cues.some((c) => c.start === b.time));
          }
          for (let i = 1; i < blocks.length; i++) {
            const [a, b] = [blocks[i - 1], blocks[i]];
            if (a.kind === 'turn' && b.kind === 'turn') assert.notStrictEqual(a.speaker, b.speaker);
          }
        }),
      );
    });

    it("a rendered .vtt round-trips its speakers and words through the study's turn form", () => {
      fc.assert(
        fc.property(cueList, (cues) => {
          const vtt = ['WEBVTT', ''];
          const clock = (s: number): string => `${timeMarker(s).slice(1, -1)}.${String(Math.round((s % 1) * 1000)).padStart(3, '0')}`;
          for (const c of cues)
            vtt.push(`${clock(c.start)} --> ${clock(c.end)}`, c.speaker !== undefined ? `<v ${c.speaker}>${c.text}</v>` : c.text, '');
          const parsed = parseVtt(vtt.join('\n'));
          assert.deepStrictEqual(
            parsed.map((c) => c.text),
            cues.map((c) => c.text),
          );
          const source: SourceTranscript = {
            kind: 'read',
            format: 'vtt',
            name: 'x.vtt',
            blocks: cuesToBlocks(parsed),
            speakers: [],
            attributes: {},
            hasHeading: false,
          };
          const md = renderTranscript(source, {});
          const named = new Set(cues.filter((c) => c.speaker !== undefined).map((c) => c.speaker));
          assert.deepStrictEqual(new Set(studySpeakers(new Map([['x.md', md]]))), named);
        }),
      );
    });
  });
});
