/**
 * Intercoder agreement between two coders on the transcripts both coded, per code and overall.
 *
 * Units are characters of the transcript body (as MAXQDA's and ATLAS.ti's character-based checks
 * do): for a code, every character is 1 for a coder when one of their codings with that code covers
 * it, else 0. From the 2×2 table of the two coders (a = both, b = only A, c = only B, d = neither):
 *  - percent agreement  p_o = (a + d) / N
 *  - Cohen's κ          (p_o − p_e) / (1 − p_e),  p_e = p_A·p_B + (1 − p_A)(1 − p_B)
 *  - Krippendorff's α   (nominal, two coders, no missing values)
 *                       1 − (n − 1)(b + c) / (n_0 · n_1),  n = 2N, n_0 = 2d + b + c, n_1 = 2a + b + c
 * Overall figures pool the tables of all codes.
 */
import * as l10n from '@vscode/l10n';
import type { Coding } from './model';
import type { Study } from './study';
import { isCounted } from './counting';

export interface Table2x2 {
  readonly both: number;
  readonly onlyA: number;
  readonly onlyB: number;
  readonly neither: number;
}

export interface AgreementFigures extends Table2x2 {
  readonly percent: number;
  readonly kappa: number;
  readonly alpha: number;
}

export function figures(t: Table2x2): AgreementFigures {
  const N = t.both + t.onlyA + t.onlyB + t.neither;
  if (N === 0) {
    return { ...t, percent: NaN, kappa: NaN, alpha: NaN };
  }
  const po = (t.both + t.neither) / N;
  const pA = (t.both + t.onlyA) / N;
  const pB = (t.both + t.onlyB) / N;
  const pe = pA * pB + (1 - pA) * (1 - pB);
  const kappa = pe === 1 ? (po === 1 ? 1 : NaN) : (po - pe) / (1 - pe);
  const n = 2 * N;
  const n0 = 2 * t.neither + t.onlyA + t.onlyB;
  const n1 = 2 * t.both + t.onlyA + t.onlyB;
  const alpha = n0 * n1 === 0 ? (t.onlyA + t.onlyB === 0 ? 1 : NaN) : 1 - ((n - 1) * (t.onlyA + t.onlyB)) / (n0 * n1);
  return { ...t, percent: po, kappa, alpha };
}

export interface Disagreement {
  readonly doc: string;
  readonly code: string;
  readonly start: number;
  readonly end: number;
  /** Who coded this stretch with the code. */
  readonly coder: string;
  readonly text: string;
}

export interface AgreementReport {
  readonly coderA: string;
  readonly coderB: string;
  readonly docs: readonly string[];
  readonly perCode: ReadonlyArray<{ readonly code: string; readonly figures: AgreementFigures }>;
  readonly overall: AgreementFigures;
  readonly disagreements: readonly Disagreement[];
}

/** Marks covered characters of [from, to) for one coder and one code, as a sorted list of merged spans. */
function spansOf(codings: readonly Coding[], code: string): Array<[number, number]> {
  const spans = codings
    .filter((c) => !c.orphaned && c.codes.includes(code))
    .map((c) => [c.start, c.end] as [number, number])
    .sort((x, y) => x[0] - y[0]);
  const merged: Array<[number, number]> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s[0] <= last[1]) {
      last[1] = Math.max(last[1], s[1]);
    } else {
      merged.push([s[0], s[1]]);
    }
  }
  return merged;
}

function length(spans: ReadonlyArray<readonly [number, number]>): number {
  return spans.reduce((n, [s, e]) => n + e - s, 0);
}

function intersect(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let i = 0;
  let j = 0;
  while (i < a.length && j < b.length) {
    const s = Math.max(a[i][0], b[j][0]);
    const e = Math.min(a[i][1], b[j][1]);
    if (s < e) {
      out.push([s, e]);
    }
    if (a[i][1] < b[j][1]) {
      i++;
    } else {
      j++;
    }
  }
  return out;
}

function subtract(a: ReadonlyArray<readonly [number, number]>, b: ReadonlyArray<readonly [number, number]>): Array<[number, number]> {
  const out: Array<[number, number]> = [];
  let j = 0;
  for (const [s0, e] of a) {
    let s = s0;
    while (j < b.length && b[j][1] <= s) {
      j++;
    }
    let k = j;
    while (k < b.length && b[k][0] < e) {
      if (b[k][0] > s) {
        out.push([s, b[k][0]]);
      }
      s = Math.max(s, b[k][1]);
      k++;
    }
    if (s < e) {
      out.push([s, e]);
    }
  }
  return out;
}

/** Transcripts coded by both coders. */
export function sharedDocuments(study: Study, coderA: string, coderB: string): string[] {
  return study.documents
    .map((d) => d.path)
    .filter((doc) => {
      const coders = new Set(
        study
          .codingsOf(doc)
          .filter((c) => isCounted(study, c))
          .map((c) => c.coder),
      );
      return coders.has(coderA) && coders.has(coderB);
    });
}

/** Pairs of coders that coded at least one transcript in common. */
export function coderPairs(study: Study): Array<[string, string]> {
  const coders = study.coders();
  const pairs: Array<[string, string]> = [];
  for (let i = 0; i < coders.length; i++) {
    for (let j = i + 1; j < coders.length; j++) {
      if (sharedDocuments(study, coders[i], coders[j]).length > 0) {
        pairs.push([coders[i], coders[j]]);
      }
    }
  }
  return pairs;
}

export function agreement(
  study: Study,
  coderA: string,
  coderB: string,
  text: (doc: string) => string | undefined,
  docs = sharedDocuments(study, coderA, coderB),
): AgreementReport {
  const codes = new Set<string>();
  for (const doc of docs) {
    for (const c of study.codingsOf(doc)) {
      if ((c.coder === coderA || c.coder === coderB) && isCounted(study, c)) {
        c.codes.forEach((id) => codes.add(id));
      }
    }
  }
  const order = study.codes.map((c) => c.id).filter((id) => codes.has(id));
  const perCode: Array<{ code: string; figures: AgreementFigures }> = [];
  const pooled = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
  const disagreements: Disagreement[] = [];
  for (const code of order) {
    const t = { both: 0, onlyA: 0, onlyB: 0, neither: 0 };
    for (const doc of docs) {
      const doct = study.document(doc);
      const body = doct ? doct.length - doct.bodyStart : 0;
      const list = study.codingsOf(doc);
      const a = spansOf(
        list.filter((c) => c.coder === coderA),
        code,
      );
      const b = spansOf(
        list.filter((c) => c.coder === coderB),
        code,
      );
      const both = length(intersect(a, b));
      const onlyA = subtract(a, b);
      const onlyB = subtract(b, a);
      t.both += both;
      t.onlyA += length(onlyA);
      t.onlyB += length(onlyB);
      t.neither += Math.max(0, body - both - length(onlyA) - length(onlyB));
      const source = text(doc) ?? '';
      for (const [s, e] of onlyA) {
        disagreements.push({ doc, code, start: s, end: e, coder: coderA, text: source.slice(s, e) });
      }
      for (const [s, e] of onlyB) {
        disagreements.push({ doc, code, start: s, end: e, coder: coderB, text: source.slice(s, e) });
      }
    }
    perCode.push({ code, figures: figures(t) });
    pooled.both += t.both;
    pooled.onlyA += t.onlyA;
    pooled.onlyB += t.onlyB;
    pooled.neither += t.neither;
  }
  disagreements.sort((x, y) => (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start));
  return { coderA, coderB, docs, perCode, overall: figures(pooled), disagreements };
}

/** The agreement report as Markdown: overall, per code, and the disagreeing passages side by side. */
export function agreementMarkdown(study: Study, r: AgreementReport): string {
  const pct = (v: number) => (Number.isNaN(v) ? '–' : `${(v * 100).toFixed(1)} %`);
  const num = (v: number) => (Number.isNaN(v) ? '–' : v.toFixed(3));
  const lines = [
    `# ${l10n.t('Intercoder agreement: {0} × {1}', r.coderA, r.coderB)}`,
    '',
    l10n.t('Transcripts coded by both: {0}. Units: characters of the transcripts’ bodies.', r.docs.join(', ') || '–'),
    '',
    `| ${l10n.t('Code')} | ${l10n.t('Agreement')} | ${l10n.t('Cohen’s κ')} | ${l10n.t('Krippendorff’s α')} | ${l10n.t('both')} | ${l10n.t('only {0}', esc(r.coderA))} | ${l10n.t('only {0}', esc(r.coderB))} |`,
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...r.perCode.map(
      ({ code, figures: f }) =>
        `| ${esc(study.pathLabel(code))} | ${pct(f.percent)} | ${num(f.kappa)} | ${num(f.alpha)} | ${f.both} | ${f.onlyA} | ${f.onlyB} |`,
    ),
    `| **${l10n.t('Overall')}** | **${pct(r.overall.percent)}** | **${num(r.overall.kappa)}** | **${num(r.overall.alpha)}** | ${r.overall.both} | ${r.overall.onlyA} | ${r.overall.onlyB} |`,
    '',
    `## ${l10n.t('Disagreements')}`,
    '',
    `| ${l10n.t('Transcript')} | ${l10n.t('Code')} | ${esc(r.coderA)} | ${esc(r.coderB)} |`,
    '| --- | --- | --- | --- |',
    ...r.disagreements
      .filter((d) => d.text.trim().length > 0)
      .map((d) => {
        const quote = esc(d.text.replace(/\s+/g, ' ').trim());
        return `| ${esc(study.sourceLabel(d.doc))} | ${esc(study.code(d.code)?.name ?? d.code)} | ${d.coder === r.coderA ? quote : ''} | ${d.coder === r.coderB ? quote : ''} |`;
      }),
    '',
  ];
  return lines.join('\n');
}

function esc(s: string): string {
  return s.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}
