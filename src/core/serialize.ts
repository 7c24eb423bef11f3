/**
 * Stable, pretty JSON for the study's files: fixed key order, sorted records, trailing newline,
 * so that diffs are small and two coders' branches merge cleanly in git.
 */
import type { Code, Coding, ProjectData } from './model';
import { CURRENT_SCHEMA_VERSION } from './schema';
import { StudyPathError, isSafeSegment, studyPath } from './paths';

function clean<T extends object>(obj: T): T {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || (Array.isArray(v) && v.length === 0 && k === 'aliases')) {
      continue;
    }
    out[k] = v;
  }
  return out as T;
}

function codeRecord(c: Code): Code {
  return clean({
    id: c.id,
    name: c.name,
    parent: c.parent,
    color: c.color,
    polarity: c.polarity,
    origin: c.origin,
    aliases: c.aliases,
    definition: c.definition,
    memo: c.memo,
  });
}

export function serializeProject(p: ProjectData): string {
  const data = {
    schemaVersion: CURRENT_SCHEMA_VERSION,
    name: p.name,
    description: p.description,
    language: p.language,
    transcriptFolders: p.transcriptFolders,
    confidential: p.confidential,
    pseudonymKey: p.pseudonymKey,
    attributeKeys: { case: p.attributeKeys.case, respondent: p.attributeKeys.respondent, interview: p.attributeKeys.interview },
    cases: p.cases.map((c) => clean({ id: c.id, name: c.name, description: c.description })),
    respondents: p.respondents.map((r) =>
      clean({ id: r.id, case: r.case, function: r.function, functionType: r.functionType, focusGroup: r.focusGroup }),
    ),
    coders: p.coders.map((c) => clean({ id: c.id, name: c.name })),
    codes: p.codes.map(codeRecord),
    catalogues: p.catalogues.map((cat) =>
      clean({
        id: cat.id,
        name: cat.name,
        source: cat.source,
        categories: cat.categories.map((g) => ({
          id: g.id,
          name: g.name,
          factors: g.factors.map((f) => clean({ id: f.id, name: f.name, authors: f.authors, description: f.description })),
        })),
      }),
    ),
    links: [...p.links]
      .sort((a, b) => cmp(a.code, b.code) || cmp(a.factor, b.factor))
      .map((l) => clean({ code: l.code, factor: l.factor, note: l.note })),
  };
  return JSON.stringify(clean(data), null, 2) + '\n';
}

function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

export function compareCodings(a: Coding, b: Coding): number {
  return a.start - b.start || a.end - b.end || cmp(a.id, b.id);
}

export function serializeCodingFile(document: string, coder: string, codings: readonly Coding[]): string {
  const sorted = [...codings].sort(compareCodings);
  const records = sorted.map((c) =>
    clean({
      id: c.id,
      codes: [...c.codes],
      start: c.start,
      end: c.end,
      quote: c.quote,
      prefix: c.prefix,
      suffix: c.suffix,
      created: c.created,
      modified: c.modified,
      memo: c.memo,
      orphaned: c.orphaned ? true : undefined,
    }),
  );
  // One coding per block: readable, and git merges additions by different people cleanly.
  const body = records.map((r) => '    ' + JSON.stringify(r, null, 2).replace(/\n/g, '\n    ')).join(',\n');
  return (
    '{\n' +
    `  "schemaVersion": ${CURRENT_SCHEMA_VERSION},\n` +
    `  "document": ${JSON.stringify(document)},\n` +
    `  "coder": ${JSON.stringify(coder)},\n` +
    `  "offsetEncoding": "utf-16",\n` +
    `  "codings": [${records.length ? '\n' + body + '\n  ' : ''}]\n` +
    '}\n'
  );
}

/** Where the codings of one transcript by one coder live. */
export function codingFilePath(document: string, coder: string): string {
  if (!isSafeSegment(coder)) {
    throw new StudyPathError(coder, 'is not a plain coder name for a codings file');
  }
  return `.codeboom/codings/${studyPath(document)}.${coder}.json`;
}
