/**
 * The codebook report: what the thesis printed from ATLAS.ti as Bijlage B (a header with file,
 * editor and date, then the codes), but with the hierarchy, definitions, polarity, origin, linked
 * literature factors and counts. Markdown and a self-contained HTML page. Pure.
 */
import type { Origin, Polarity } from '../model';
import type { MatrixIndex } from '../matrix';
import { computeMatrix } from '../matrix';
import type { ExportLabels } from './labels';
import { DEFAULT_LABELS } from './labels';
import { mdEscape, markdownTable } from './markdown';
import { uncountedNote } from './tables';

export interface CodebookEntry {
  readonly id: string;
  readonly name: string;
  readonly path: string;
  readonly depth: number;
  readonly color: string;
  readonly definition?: string;
  readonly memo?: string;
  readonly polarity?: Polarity;
  readonly origin?: Origin;
  readonly aliases: readonly string[];
  readonly factors: ReadonlyArray<{ readonly name: string; readonly category: string; readonly authors: readonly string[] }>;
  /** Distinct codings, transcripts and respondents of the code and its descendants. */
  readonly codings: number;
  readonly transcripts: number;
  readonly respondents: number;
}

export interface CodebookReport {
  readonly study: string;
  readonly file: string;
  readonly editedBy: string;
  /** Codings the counts leave out (./counting: orphaned, or of a missing transcript). */
  readonly uncounted: number;
  readonly date: string;
  readonly entries: readonly CodebookEntry[];
}

/** "2020-12-23 11:55:00", as the ATLAS.ti report header printed it (local time). */
export function formatDateTime(d: Date): string {
  const p = (n: number): string => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}:${p(d.getSeconds())}`;
}

export function codebookReport(index: MatrixIndex, meta: { file: string; editedBy: string; date: Date }): CodebookReport {
  const study = index.study;
  const totals = (measure: 'codings' | 'transcripts' | 'respondents'): Map<string, number> => {
    const m = computeMatrix(index, { rows: 'tree', columns: { kind: 'case' }, measure });
    return new Map(m.rows.map((r, i) => [r.code, m.rowTotals[i]]));
  };
  const codings = totals('codings');
  const transcripts = totals('transcripts');
  const respondents = totals('respondents');
  const entries = index.codeIds.map((id, i): CodebookEntry => {
    const c = study.code(id)!;
    const factors = study
      .factorsOf(id)
      .map((f) => study.factor(f))
      .filter((f) => f !== undefined)
      .map((f) => ({ name: f.factor.name, category: f.category, authors: f.factor.authors }));
    return {
      id,
      name: c.name,
      path: study.pathLabel(id),
      depth: index.depthOf[i],
      color: c.color,
      ...(c.definition ? { definition: c.definition } : {}),
      ...(c.memo ? { memo: c.memo } : {}),
      ...(c.polarity ? { polarity: c.polarity } : {}),
      ...(c.origin ? { origin: c.origin } : {}),
      aliases: c.aliases ?? [],
      factors,
      codings: codings.get(id) ?? 0,
      transcripts: transcripts.get(id) ?? 0,
      respondents: respondents.get(id) ?? 0,
    };
  });
  return {
    study: study.name,
    file: meta.file,
    editedBy: meta.editedBy,
    date: formatDateTime(meta.date),
    uncounted: index.uncounted,
    entries,
  };
}

function factorText(f: CodebookEntry['factors'][number]): string {
  return `${f.name} (${f.category}${f.authors.length ? '; ' + f.authors.join('; ') : ''})`;
}

function facts(e: CodebookEntry, labels: ExportLabels): string[] {
  const out: string[] = [];
  if (e.polarity) {
    out.push(labels.polarities[e.polarity]);
  }
  if (e.origin) {
    out.push(labels.origins[e.origin]);
  }
  out.push(
    `${e.codings} ${labels.codings.toLowerCase()}`,
    `${e.transcripts} ${labels.transcripts.toLowerCase()}`,
    `${e.respondents} ${labels.respondents.toLowerCase()}`,
  );
  return out;
}

export function codebookMarkdown(r: CodebookReport, labels: ExportLabels = DEFAULT_LABELS): string {
  const out: string[] = [`# ${mdEscape(labels.codebook)} — ${mdEscape(r.study)}`, ''];
  out.push(
    markdownTable({
      header: ['', ''],
      rows: [
        [labels.file, r.file],
        [labels.editedBy, r.editedBy],
        [labels.dateTime, r.date],
      ],
    }),
  );
  for (const line of uncountedNote(r.uncounted, labels)) {
    out.push(`*${mdEscape(line)}*`, '');
  }
  out.push(`## ${mdEscape(labels.overview)}`, '');
  out.push(
    markdownTable({
      header: [labels.code, labels.polarity, labels.origin, labels.linkedFactors, labels.codings, labels.transcripts, labels.respondents],
      rows: r.entries.map((e) => [
        e.name,
        e.polarity ? labels.polarities[e.polarity] : '',
        e.origin ? labels.origins[e.origin] : '',
        e.factors.map((f) => f.name).join('; '),
        e.codings,
        e.transcripts,
        e.respondents,
      ]),
      levels: r.entries.map((e) => e.depth),
    }),
  );
  for (const e of r.entries) {
    const level = Math.min(6, e.depth + 2);
    out.push(`${'#'.repeat(level)} ${mdEscape(e.name)}`, '');
    if (e.depth > 0) {
      out.push(`*${mdEscape(e.path)}*`, '');
    }
    out.push(
      facts(e, labels)
        .map((f) => mdEscape(f))
        .join(' · '),
      '',
    );
    if (e.definition) {
      out.push(`**${mdEscape(labels.definition)}:** ${mdEscape(e.definition)}`, '');
    }
    if (e.aliases.length) {
      out.push(`**${mdEscape(labels.aliases)}:** ${e.aliases.map((a) => mdEscape(a)).join(', ')}`, '');
    }
    if (e.factors.length) {
      out.push(`**${mdEscape(labels.linkedFactors)}:**`, '');
      for (const f of e.factors) {
        out.push(`- ${mdEscape(factorText(f))}`);
      }
      out.push('');
    }
    if (e.memo) {
      out.push(`**${mdEscape(labels.memo)}:** ${mdEscape(e.memo)}`, '');
    }
  }
  return out.join('\n').replace(/\n{3,}/g, '\n\n');
}

export function htmlEscape(text: string): string {
  return text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch]!);
}

const HTML_STYLE = `
body{font:15px/1.5 system-ui,-apple-system,"Segoe UI",sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1f1f1f;background:#fff}
h1{font-size:1.6rem}h2,h3,h4,h5,h6{margin:1.4em 0 .3em}
table{border-collapse:collapse;margin:.5rem 0 1.5rem}th,td{border:1px solid #bbb;padding:.25rem .5rem;vertical-align:top;text-align:left}
th{background:#f0f0f0}td.n{text-align:right;font-variant-numeric:tabular-nums}
.swatch{display:inline-block;width:.8em;height:.8em;border-radius:2px;margin-right:.4em;border:1px solid #0003;vertical-align:baseline}
.path{color:#555;font-style:italic;margin:0}.facts{color:#333;margin:.2rem 0}
section{margin-left:1.2rem}section.depth-0{margin-left:0}
dt{font-weight:600}dd{margin:0 0 .5rem 1.2rem}
@media print{body{margin:0;max-width:none}section{break-inside:avoid-page}}
`;

function swatch(color: string): string {
  const safe = /^#[0-9a-fA-F]{6}$/.test(color) ? color : '#888888';
  return `<span class="swatch" style="background:${safe}" aria-hidden="true"></span>`;
}

export function codebookHtml(r: CodebookReport, labels: ExportLabels = DEFAULT_LABELS): string {
  const h = htmlEscape;
  const title = `${labels.codebook} — ${r.study}`;
  const out: string[] = [
    '<!DOCTYPE html>',
    '<html>',
    '<head>',
    '<meta charset="utf-8">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<title>${h(title)}</title>`,
    `<style>${HTML_STYLE}</style>`,
    '</head>',
    '<body>',
    `<h1>${h(title)}</h1>`,
    '<table class="header">',
    `<tr><th scope="row">${h(labels.file)}</th><td>${h(r.file)}</td></tr>`,
    `<tr><th scope="row">${h(labels.editedBy)}</th><td>${h(r.editedBy)}</td></tr>`,
    `<tr><th scope="row">${h(labels.dateTime)}</th><td>${h(r.date)}</td></tr>`,
    '</table>',
    ...uncountedNote(r.uncounted, labels).map((line) => `<p class="note">${h(line)}</p>`),
    `<h2>${h(labels.overview)}</h2>`,
    '<table class="overview">',
    `<thead><tr><th scope="col">${h(labels.code)}</th><th scope="col">${h(labels.polarity)}</th><th scope="col">${h(labels.origin)}</th><th scope="col">${h(labels.linkedFactors)}</th><th scope="col">${h(labels.codings)}</th><th scope="col">${h(labels.transcripts)}</th><th scope="col">${h(labels.respondents)}</th></tr></thead>`,
    '<tbody>',
  ];
  for (const e of r.entries) {
    out.push(
      `<tr><th scope="row" style="padding-left:${0.5 + e.depth * 1.2}rem">${swatch(e.color)}<a href="#code-${h(e.id)}">${h(e.name)}</a></th>` +
        `<td>${e.polarity ? h(labels.polarities[e.polarity]) : ''}</td><td>${e.origin ? h(labels.origins[e.origin]) : ''}</td>` +
        `<td>${h(e.factors.map((f) => f.name).join('; '))}</td><td class="n">${e.codings}</td><td class="n">${e.transcripts}</td><td class="n">${e.respondents}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  // nested sections follow the tree
  const open: number[] = [];
  for (const e of r.entries) {
    while (open.length && open[open.length - 1] >= e.depth) {
      out.push('</section>');
      open.pop();
    }
    const level = Math.min(6, e.depth + 2);
    out.push(`<section class="depth-${Math.min(e.depth, 5)}" id="code-${h(e.id)}">`);
    open.push(e.depth);
    out.push(`<h${level}>${swatch(e.color)}${h(e.name)}</h${level}>`);
    if (e.depth > 0) {
      out.push(`<p class="path">${h(e.path)}</p>`);
    }
    out.push(`<p class="facts">${facts(e, labels).map(h).join(' · ')}</p>`);
    const dl: string[] = [];
    if (e.definition) {
      dl.push(`<dt>${h(labels.definition)}</dt><dd>${h(e.definition)}</dd>`);
    }
    if (e.aliases.length) {
      dl.push(`<dt>${h(labels.aliases)}</dt><dd>${h(e.aliases.join(', '))}</dd>`);
    }
    if (e.factors.length) {
      dl.push(`<dt>${h(labels.linkedFactors)}</dt><dd><ul>${e.factors.map((f) => `<li>${h(factorText(f))}</li>`).join('')}</ul></dd>`);
    }
    if (e.memo) {
      dl.push(`<dt>${h(labels.memo)}</dt><dd>${h(e.memo)}</dd>`);
    }
    if (dl.length) {
      out.push(`<dl>${dl.join('')}</dl>`);
    }
  }
  while (open.pop() !== undefined) {
    out.push('</section>');
  }
  out.push('</body>', '</html>', '');
  return out.join('\n');
}
