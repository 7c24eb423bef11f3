/**
 * Theoretical saturation: in interview order (front-matter date, else the transcript's name), how
 * many codes each transcript used for the first time. When new interviews stop adding codes, the
 * categories are saturated.
 */
import * as l10n from '@vscode/l10n';
import type { Study } from './study';
import { isCounted } from './counting';
import { maxOf } from './port';

export interface SaturationPoint {
  readonly doc: string;
  readonly label: string;
  readonly date?: string;
  readonly newCodes: readonly string[];
  readonly cumulative: number;
}

/** Which codings and transcripts count (what the matrix panel's filters choose). */
export interface SaturationFilter {
  /** Only codings by these coders (none or empty: all). */
  readonly coders?: readonly string[];
  /** Only transcripts of these cases (none or empty: all). */
  readonly cases?: readonly string[];
  /** Only these codes count (e.g. those passing a polarity or origin filter). */
  readonly codes?: (code: string) => boolean;
}

export function saturation(study: Study, dateKey = 'date', filter?: string | SaturationFilter): SaturationPoint[] {
  const f: SaturationFilter = typeof filter === 'string' ? { coders: [filter] } : (filter ?? {});
  const coders = f.coders?.length ? new Set(f.coders) : undefined;
  const cases = f.cases?.length ? new Set(f.cases) : undefined;
  const docs = study.documents
    .filter((d) => !cases || cases.has(study.caseOf(d.path) ?? ''))
    .map((d) => ({ d, date: study.attribute(d.path, dateKey) }))
    .sort((a, b) => {
      if (a.date && b.date && a.date !== b.date) {
        return a.date < b.date ? -1 : 1;
      }
      if (!!a.date !== !!b.date) {
        return a.date ? -1 : 1;
      }
      return a.d.path < b.d.path ? -1 : a.d.path > b.d.path ? 1 : 0;
    });
  const seen = new Set<string>();
  const out: SaturationPoint[] = [];
  for (const { d, date } of docs) {
    const fresh: string[] = [];
    for (const c of study.codingsOf(d.path)) {
      if ((coders && !coders.has(c.coder)) || !isCounted(study, c)) {
        continue;
      }
      for (const code of c.codes) {
        if (!seen.has(code) && (!f.codes || f.codes(code))) {
          seen.add(code);
          fresh.push(code);
        }
      }
    }
    out.push({ doc: d.path, label: study.sourceLabel(d.path), ...(date ? { date } : {}), newCodes: fresh, cumulative: seen.size });
  }
  return out;
}

/** The saturation table as Markdown; `chart`: the chart's file, shown below the table. */
export function saturationMarkdown(study: Study, points: readonly SaturationPoint[], chart?: string): string {
  const image = chart === undefined ? [] : [`\n![${l10n.t('Cumulative codes per transcript')}](${chart})\n`];
  return (
    [
      `# ${l10n.t('Saturation: new codes per transcript')}`,
      '',
      `| # | ${l10n.t('Transcript')} | ${l10n.t('Date')} | ${l10n.t('New codes')} | ${l10n.t('Cumulative')} | ${l10n.t('Codes used for the first time')} |`,
      '| ---: | --- | --- | ---: | ---: | --- |',
      ...points.map(
        (p, i) =>
          `| ${i + 1} | ${p.label.replace(/\|/g, '\\|')} | ${p.date ?? ''} | ${p.newCodes.length} | ${p.cumulative} | ${p.newCodes.map((c) => study.code(c)?.name ?? c).join(', ')} |`,
      ),
      '',
    ].join('\n') + image.join('')
  );
}

/** A small SVG line chart of cumulative codes per transcript (for reports). */
export function saturationSvg(points: readonly SaturationPoint[], width = 640, height = 240): string {
  const pad = 36;
  const max = maxOf(
    points.map((p) => p.cumulative),
    1,
  );
  const x = (i: number) => pad + (points.length <= 1 ? 0 : (i * (width - 2 * pad)) / (points.length - 1));
  const y = (v: number) => height - pad - (v * (height - 2 * pad)) / max;
  const line = points.map((p, i) => `${i ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join(' ');
  const bars = points
    .map(
      (p, i) =>
        `<rect x="${(x(i) - 4).toFixed(1)}" y="${y(p.newCodes.length).toFixed(1)}" width="8" height="${(height - pad - y(p.newCodes.length)).toFixed(1)}" fill="#f28e2b"><title>${escapeXml(l10n.t('{0}: {1} new', p.label, p.newCodes.length))}</title></rect>`,
    )
    .join('');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="sans-serif" font-size="11">
<line x1="${pad}" y1="${height - pad}" x2="${width - pad}" y2="${height - pad}" stroke="#888"/><line x1="${pad}" y1="${pad}" x2="${pad}" y2="${height - pad}" stroke="#888"/>
<text x="4" y="${pad}">${max}</text><text x="4" y="${height - pad}">0</text>
${bars}<path d="${line}" fill="none" stroke="#4e79a7" stroke-width="2"/>
</svg>
`;
}

function escapeXml(s: string): string {
  return s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]!);
}
