/**
 * Deterministic (seeded) generator of a large study in Codeboom's own format, for benchmarks.
 * Default "large": 200 transcripts (~2 M words, Dutch-like text), 2 cases, 40 respondents,
 * 300 codes in a 3-level tree, 62 literature factors with links, 50,000 codings (overlapping,
 * varied lengths). Transcript 000 is the "big" one: 20,000 words and 2,000 codings.
 *
 * Usage: node out/test/bench/generate.js [--out DIR] [--transcripts N] [--codings N] [--seed S]
 */
import * as fs from 'fs';
import * as path from 'path';
import type { Code, Coding, FactorCatalogue, ProjectData } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';
import { makeAnchor } from '../../src/core/anchor';
import { codingFilePath, serializeCodingFile, serializeProject } from '../../src/core/serialize';
import { CODE_PALETTE } from '../../src/core/palette';

export interface CorpusOptions {
  readonly out: string;
  readonly transcripts: number;
  readonly codings: number;
  readonly wordsPerTranscript: number;
  readonly bigWords: number;
  readonly bigCodings: number;
  readonly seed: number;
}

export const LARGE: Omit<CorpusOptions, 'out'> = {
  transcripts: 200,
  codings: 50_000,
  wordsPerTranscript: 9_950,
  bigWords: 20_000,
  bigCodings: 2_000,
  seed: 20201014,
};

/** mulberry32: small, fast, good enough for test data, and the same on every machine. */
export function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = (
  'de het een en van in op te dat die is was zijn er niet met voor aan om ook als bij of dan maar nog wel naar uit door over ' +
  'netwerk kennis delen mandaat middelen ruimte urgentie politiek druk context verbinding communicatie complex abstract niveau ' +
  'diversiteit enthousiasme samenstelling maatschappelijk belang respect begrip vertrouwen flexibel laagdrempelig ministerie ' +
  'beleid uitvoering wetenschap bedrijfsleven kernteam nieuwsbrief bijeenkomst technologie quantum simulatie veiligheid ' +
  'organisatie leidinggevende capaciteit budget tijd prioriteit samenwerking afspraak besluit programma project informatie ' +
  'platform gesprek collega eigenlijk natuurlijk gewoon inderdaad lastig belangrijk mooi moeilijk snel langzaam samen'
).split(' ');

function sentence(r: () => number): string {
  const n = 6 + Math.floor(r() * 14);
  const words: string[] = [];
  for (let i = 0; i < n; i++) {
    words.push(WORDS[Math.floor(r() * WORDS.length)]);
  }
  const s = words.join(' ');
  return s[0].toUpperCase() + s.slice(1) + (r() < 0.1 ? '?' : '.');
}

function transcript(r: () => number, words: number, fm: Record<string, string | number>): string {
  let out =
    '---\n' +
    Object.entries(fm)
      .map(([k, v]) => `${k}: ${v}`)
      .join('\n') +
    '\n---\n\n';
  let count = 0;
  let turn = 0;
  while (count < words) {
    const speaker = turn % 2 === 0 ? 'Interviewer' : String(fm['respondent']);
    const sentences = turn % 2 === 0 ? 1 + Math.floor(r() * 2) : 2 + Math.floor(r() * 7);
    const text: string[] = [];
    for (let i = 0; i < sentences; i++) {
      const s = sentence(r);
      count += s.split(' ').length;
      text.push(s);
    }
    out += `**${speaker}:** ${text.join(' ')}\n\n`;
    turn++;
  }
  return out;
}

export function generateCorpus(o: CorpusOptions): { project: ProjectData; docs: string[]; codingCount: number; bytes: number } {
  const r = rng(o.seed);
  const hex = (n: number) =>
    Math.floor(r() * 16 ** n)
      .toString(16)
      .padStart(n, '0');
  const uuid = () => `${hex(8)}-${hex(4)}-4${hex(3)}-a${hex(3)}-${hex(12)}`;

  // 300 codes: 10 top → 5 each → 5 each (10 + 50 + 250 = 310; keep the first 300).
  const codes: Code[] = [];
  for (let a = 0; a < 10; a++) {
    const top: Code = {
      id: uuid(),
      name: `thema ${a + 1}`,
      color: CODE_PALETTE[a % CODE_PALETTE.length],
      polarity: a % 2 ? 'stimulerend' : 'belemmerend',
      origin: 'empirical',
    };
    codes.push(top);
    for (let b = 0; b < 5; b++) {
      const mid: Code = {
        id: uuid(),
        name: `categorie ${a + 1}.${b + 1}`,
        parent: top.id,
        color: CODE_PALETTE[(a + b) % CODE_PALETTE.length],
      };
      codes.push(mid);
      for (let c = 0; c < 5; c++) {
        codes.push({
          id: uuid(),
          name: `code ${a + 1}.${b + 1}.${c + 1}`,
          parent: mid.id,
          color: CODE_PALETTE[(a + b + c) % CODE_PALETTE.length],
          definition: sentence(r),
        });
      }
    }
  }
  codes.length = 300;
  const categories = ['Organisatorisch', 'Netwerk en kennis', 'Interpersoonlijk', 'Politiek en beleid', 'Technologisch'];
  const catalogue: FactorCatalogue = {
    id: uuid(),
    name: 'Literatuurfactoren',
    categories: categories.map((name, i) => ({
      id: uuid(),
      name,
      factors: Array.from({ length: i < 2 ? 13 : 12 }, (_, j) => ({
        id: uuid(),
        name: `factor ${i + 1}.${j + 1}`,
        authors: ['Auteur & Ander, 2011'],
      })),
    })),
  };
  const factors = catalogue.categories.flatMap((c) => c.factors);
  const links = codes.filter((_, i) => i % 3 === 0).map((c, i) => ({ code: c.id, factor: factors[i % factors.length].id }));
  const respondents = Array.from({ length: 40 }, (_, i) => ({
    id: `R${String(i + 1).padStart(2, '0')}`,
    case: i < 20 ? 'NDS' : 'QIHR',
    functionType: ['Beleid', 'Uitvoering', 'Wetenschap', 'Bedrijfsleven'][i % 4],
  }));
  const project: ProjectData = {
    ...emptyProject('Benchmark (large)'),
    transcriptFolders: ['transcripts'],
    cases: [{ id: 'NDS' }, { id: 'QIHR' }],
    respondents,
    coders: [{ id: 'eva' }, { id: 'sam' }],
    codes,
    catalogues: [catalogue],
    links,
  };
  fs.rmSync(o.out, { recursive: true, force: true });
  fs.mkdirSync(path.join(o.out, 'transcripts'), { recursive: true });
  fs.writeFileSync(path.join(o.out, 'codeboom.json'), serializeProject(project));
  let bytes = 0;
  const docs: string[] = [];
  const leafCodes = codes.filter((c) => codes.every((d) => d.parent !== c.id));
  let remaining = o.codings - o.bigCodings;
  let codingCount = 0;
  for (let t = 0; t < o.transcripts; t++) {
    const resp = respondents[t % respondents.length];
    const doc = `transcripts/T${String(t).padStart(3, '0')}.md`;
    const text = transcript(r, t === 0 ? o.bigWords : o.wordsPerTranscript, {
      case: resp.case,
      respondent: resp.id,
      interview: 1 + Math.floor(t / respondents.length),
      function_type: resp.functionType,
      date: `2021-${String(1 + (t % 12)).padStart(2, '0')}-${String(1 + (t % 28)).padStart(2, '0')}`,
    });
    fs.writeFileSync(path.join(o.out, doc), text);
    docs.push(doc);
    const n = t === 0 ? o.bigCodings : Math.round(remaining / (o.transcripts - t));
    if (t > 0) {
      remaining -= n;
    }
    const byCoder: Record<string, Coding[]> = { eva: [], sam: [] };
    const bodyStart = text.indexOf('\n---\n') + 5;
    for (let i = 0; i < n; i++) {
      const len = 20 + Math.floor(r() * r() * 600);
      const start = bodyStart + Math.floor(r() * (text.length - bodyStart - len - 1));
      const coder = r() < 0.85 ? 'eva' : 'sam';
      const nCodes = r() < 0.8 ? 1 : 2;
      const cs = Array.from({ length: nCodes }, () => leafCodes[Math.floor(r() * leafCodes.length)].id);
      byCoder[coder].push({
        id: uuid(),
        doc,
        coder,
        codes: [...new Set(cs)],
        ...makeAnchor(text, start, start + len),
        created: '2021-03-01T10:00:00.000Z',
      });
    }
    for (const [coder, list] of Object.entries(byCoder)) {
      if (list.length === 0) {
        continue;
      }
      const file = path.join(o.out, codingFilePath(doc, coder));
      fs.mkdirSync(path.dirname(file), { recursive: true });
      const json = serializeCodingFile(doc, coder, list);
      bytes += json.length;
      fs.writeFileSync(file, json);
      codingCount += list.length;
    }
  }
  return { project, docs, codingCount, bytes };
}

if (require.main === module) {
  const arg = (name: string, dflt: string) => {
    const i = process.argv.indexOf(`--${name}`);
    return i > 0 ? process.argv[i + 1] : dflt;
  };
  const out = path.resolve(arg('out', '.runs/bench/large'));
  const t0 = Date.now();
  const result = generateCorpus({
    ...LARGE,
    out,
    transcripts: Number(arg('transcripts', String(LARGE.transcripts))),
    codings: Number(arg('codings', String(LARGE.codings))),
    seed: Number(arg('seed', String(LARGE.seed))),
  });
  console.log(
    `generated ${result.docs.length} transcripts, ${result.project.codes.length} codes, ${result.codingCount} codings in ${out} (${Date.now() - t0} ms)`,
  );
}
