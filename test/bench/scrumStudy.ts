/**
 * The real coded interview data of the reference material (../shared/reference/transcripts/
 * scrum-quality-coded-data.csv: 595 coded chunks of the "How Scrum adds value to achieving software
 * quality" study) as an in-memory study: theme → pattern code → code, one transcript per participant;
 * the rows of one chunk (one per code) are codings of one range.
 * For the suggestion accuracy bench only; the data is not ours to put in the repository.
 */
import * as fs from 'fs';
import * as path from 'path';
import { Study } from '../../src/core/study';
import { emptyProject } from '../../src/core/model';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { parseCsv } from '../../src/core/exports/csv';

export const SCRUM_CSV = path.resolve(__dirname, '../../../../shared/reference/transcripts/scrum-quality-coded-data.csv');

export function scrumStudy(file = SCRUM_CSV): Study | undefined {
  if (!fs.existsSync(file)) {
    return undefined;
  }
  const [head, ...rows] = parseCsv(fs.readFileSync(file, 'utf8'));
  const col = (name: string) => head.indexOf(name);
  const codes = new Map<string, Code>();
  const codeOf = (name: string, parent?: string): string => {
    const id = `${parent ?? ''}/${name}`;
    if (!codes.has(id)) {
      codes.set(id, { id, name, parent, color: '#888888' });
    }
    return id;
  };
  const codings: Coding[] = [];
  const docs = new Set<string>();
  // A chunk coded with several codes is several rows: one selection of the transcript, one range.
  const ranges = new Map<string, number>();
  rows.forEach((r, i) => {
    const [doc, chunk, code1, code2, theme] = ['document ID', 'text_chunk', 'code_1', 'code_2', 'theme'].map((k) =>
      (r[col(k)] ?? '').trim(),
    );
    if (!doc || !chunk || !code1) {
      return;
    }
    const top = codeOf(theme || code2 || code1);
    const middle = code2 && code2 !== theme ? codeOf(code2, top) : top;
    const leaf = code1 !== code2 && code1 !== theme ? codeOf(code1, middle) : middle;
    docs.add(doc);
    const quote = chunk.replace(/^"+|"+$/g, '');
    const at = ranges.get(`${doc}\u0000${quote}`) ?? i;
    ranges.set(`${doc}\u0000${quote}`, at);
    codings.push({
      id: `r${i}`,
      doc,
      coder: 'author',
      codes: [leaf],
      start: at,
      end: at + 1,
      quote,
      prefix: '',
      suffix: '',
      created: '2022-01-01T00:00:00Z',
    });
  });
  const documents: TranscriptDocument[] = [...docs].map((d) => ({ path: d, attributes: {}, bodyStart: 0, length: 1, title: d }));
  return new Study({ ...emptyProject('scrum'), language: 'en', codes: [...codes.values()] }, documents, codings);
}
