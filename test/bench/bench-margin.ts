/**
 * The coding margin at scale: a 20,000-word transcript with 2,000 codings. Measures what the panel
 * computes for one coding change (offsets → lines, the column layout, labels: src/margin/model.ts,
 * then the webview's zod parse of the message) and for one scroll step (the scroll message made and
 * parsed), against sorting the same codings by start: the least any margin has to do. Reported, not
 * asserted. (The webview's drawing is in the browser: test/webview/run.mjs prints its render time.)
 */
import { Study } from '../../src/core/study';
import { emptyProject } from '../../src/core/model';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { LineIndex } from '../../src/core/highlights';
import { lineRows, marginContent, rowStarts, wrapRows } from '../../src/margin/model';
import { learn, perRowOf } from '../../src/margin/viewport';
import type { Learnt, Shown } from '../../src/margin/viewport';
import { MarginHostMessageSchema } from '../../webview/margin/protocol';
import type { MarginHostMessage } from '../../webview/margin/protocol';
import type { Row } from './bench';
import { stats, time } from './bench';
import { rng } from './generate';

const WORDS = 20_000;
const CODINGS = 2_000;
const DOC = 'transcripts/margin.md';

function transcript(random: () => number): string {
  const vocabulary = ['kennis', 'delen', 'netwerk', 'vertrouwen', 'mandaat', 'regio', 'ministerie', 'uitvoering', 'de', 'het', 'en', 'dat'];
  const lines: string[] = ['# Interview', ''];
  let words = 0;
  while (words < WORDS) {
    const n = 8 + Math.floor(random() * 10);
    const line = Array.from({ length: n }, () => vocabulary[Math.floor(random() * vocabulary.length)]).join(' ');
    lines.push(words % 5 === 0 ? `**Respondent A:** ${line}` : line, '');
    words += n;
  }
  return lines.join('\n');
}

export function fixture(): { study: Study; text: string; codings: Coding[] } {
  const random = rng(15);
  const text = transcript(random);
  const codes: Code[] = Array.from({ length: 40 }, (_, i) => ({
    id: `k${i}`,
    name: `code ${i}`,
    color: `#${(0x345678 + i * 0x050403).toString(16).slice(-6)}`,
  }));
  const codings: Coding[] = Array.from({ length: CODINGS }, (_, i) => {
    const start = Math.floor(random() * (text.length - 2000));
    const end = start + 20 + Math.floor(random() * (random() < 0.1 ? 1500 : 300));
    const k = random() < 0.2 ? 3 : 1;
    return {
      id: `m${i}`,
      doc: DOC,
      coder: 'eva',
      codes: Array.from({ length: k }, (_, j) => codes[(i + j * 7) % codes.length].id),
      start,
      end,
      quote: text.slice(start, end),
      prefix: '',
      suffix: '',
      created: '2026-01-01T00:00:00Z',
    };
  });
  const document: TranscriptDocument = { path: DOC, attributes: {}, bodyStart: 0, length: text.length, title: 'margin' };
  const study = new Study({ ...emptyProject('margin bench'), codes }, [document], codings);
  return { study, text, codings };
}

export default async function benchMargin(): Promise<Row[]> {
  const { study, text, codings } = fixture();
  const lines = new LineIndex(text);
  const lineAt = (o: number) => lines.positionAt(o).line;
  const lineCount = text.split('\n').length;
  const strings = { title: 'Coding Margin', empty: '', noTranscript: '', bracketLabel: '{0}' };
  const update = () => {
    const rows = wrapRows(text.split('\n'), 100);
    const message: MarginHostMessage = { type: 'model', doc: DOC, lineCount, rows, ...marginContent(study, DOC, lineAt), top: 0, strings };
    // the panel compares it with the last model sent (marginPanel.ts postModel), then the webview parses it
    JSON.stringify([message.doc, message.rows, message.brackets]);
    return MarginHostMessageSchema.parse(message);
  };
  const columns = update().type === 'model' ? (update() as { columns: number }).columns : 0;
  let step = 0;
  const change = await time(60, update, () => {
    // one coding change: a coding moves (as an edit or a re-code does), then the margin redraws
    const c = codings[step++ % codings.length];
    study.transact('bench', [{ kind: 'updateCoding', id: c.id, patch: { start: c.start + 1, end: c.end + 1 } }]);
  });
  let top = 0;
  const scroll = await time(500, () => MarginHostMessageSchema.parse({ type: 'scroll', line: (top = (top + 3) % lineCount) }));
  // one editor view learnt (src/margin/viewport.ts, on every visible-range change): an editor 40 rows
  // tall wrapping at 61 characters, its top row inside a line, scrolled three lines a step
  const all = text.split('\n');
  let learnt: Learnt | undefined;
  let from = 0;
  const view = (): Shown => {
    from = (from + 3) % (all.length - 60);
    const texts: string[] = [];
    let rows = 0;
    for (let i = from; rows < 40; i++) {
      texts.push(all[i]);
      rows += lineRows(all[i], 61);
    }
    const long = all.slice(from).find((t) => rowStarts(t, 61).length > 1);
    return { texts, height: rows + 0.5, atStart: false, atEnd: false, breaks: long ? [{ text: long, at: rowStarts(long, 61)[1] }] : [] };
  };
  const views = Array.from({ length: 200 }, view);
  let v = 0;
  const learning = await time(200, () => {
    const shown = views[v++ % views.length];
    learnt = learn(learnt, shown);
    return perRowOf(learnt.width, 100, shown.breaks);
  });
  const baseline = await time(60, () =>
    study
      .codingsOf(DOC)
      .slice()
      .sort((a, b) => a.start - b.start || b.end - a.end),
  );
  const b = { name: 'sort the codings by start', median: stats(baseline).median };
  const what = `${WORDS.toLocaleString('en')} words, ${lineCount.toLocaleString('en')} lines, ${CODINGS.toLocaleString('en')} codings, ${columns} columns`;
  return [
    {
      measure: `margin: one coding change (lines' rows + model + layout + compare + zod parse; ${what})`,
      ...stats(change),
      unit: 'ms',
      baseline: b,
      goal: 'p95 < 16 ms',
    },
    { measure: 'margin: one scroll step (scroll message made and parsed)', ...stats(scroll), unit: 'ms', baseline: b, goal: 'p95 < 16 ms' },
    {
      measure: "margin: one editor view learnt (the editor's wrap width from its visible ranges, the last 6 views)",
      ...stats(learning),
      unit: 'ms',
      baseline: b,
      goal: 'p95 < 16 ms',
    },
  ].map((r) => ({ ...r, met: r.p95 < 16 }));
}
