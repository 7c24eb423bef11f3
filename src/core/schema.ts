/**
 * zod schemas of every file Codeboom reads, with migrations from older schema versions.
 * Every read goes through here; errors name the file and the JSON path.
 */
import { z } from 'zod';
import type { Coding, ProjectData } from './model';
import { DEFAULT_ATTRIBUTE_KEYS } from './model';
import { isSafeSegment, normalizeStudyPath } from './paths';
import { fastCodingFile } from './codingFileFast';

export const PROJECT_FILE = 'codeboom.json';
export const DATA_FOLDER = '.codeboom';
export const CODINGS_FOLDER = '.codeboom/codings';
export const CURRENT_SCHEMA_VERSION = 1;

const id = z.string().min(1).max(200);
const color = z.string().regex(/^#[0-9a-fA-F]{6}$/, 'expected a colour like #1f77b4');
const nonEmpty = z.string().trim().min(1);

/** A path inside the study (see core/paths.ts); `allowRoot` for a folder that may be the study itself. */
const studyPath = (allowRoot: boolean, exact: boolean) =>
  z.string().superRefine((value, ctx) => {
    const r = normalizeStudyPath(value, { allowRoot });
    if (!r.ok) {
      ctx.addIssue({ code: 'custom', message: `"${value}" ${r.reason}` });
    } else if (exact && r.path !== value) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not written plainly; write it as "${r.path}"` });
    }
  });
/** A coder id names a codings file: one plain file-name segment. */
const coderId = id.refine(isSafeSegment, { message: 'is not a plain name (no /, \\, "..", drive letter or control character)' });

const codeSchema = z.strictObject({
  id,
  name: nonEmpty,
  parent: id.optional(),
  color,
  definition: z.string().optional(),
  memo: z.string().optional(),
  polarity: z.enum(['belemmerend', 'stimulerend', 'neutral']).optional(),
  origin: z.enum(['literature', 'empirical', 'in-vivo']).optional(),
  aliases: z.array(nonEmpty).optional(),
});

const factorSchema = z.strictObject({
  id,
  name: nonEmpty,
  authors: z.array(z.string()).default([]),
  description: z.string().optional(),
});

const catalogueSchema = z.strictObject({
  id,
  name: nonEmpty,
  source: z.string().optional(),
  categories: z.array(z.strictObject({ id, name: nonEmpty, factors: z.array(factorSchema) })),
});

export const projectSchemaV1 = z.strictObject({
  $schema: z.string().optional(),
  schemaVersion: z.literal(1),
  name: nonEmpty,
  description: z.string().optional(),
  language: z
    .string()
    .regex(/^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/, 'expected a language code such as "nl" or "en"')
    .optional(),
  transcriptFolders: z.array(studyPath(true, false)).default(['.']),
  confidential: z.boolean().optional(),
  pseudonymKey: nonEmpty.optional(),
  attributeKeys: z.strictObject({ case: nonEmpty, respondent: nonEmpty, interview: nonEmpty }).default(DEFAULT_ATTRIBUTE_KEYS),
  cases: z.array(z.strictObject({ id, name: z.string().optional(), description: z.string().optional() })).default([]),
  respondents: z
    .array(
      z.strictObject({
        id,
        case: z.string().optional(),
        function: z.string().optional(),
        functionType: z.string().optional(),
        focusGroup: z.boolean().optional(),
      }),
    )
    .default([]),
  coders: z.array(z.strictObject({ id, name: z.string().optional() })).default([]),
  codes: z.array(codeSchema).default([]),
  catalogues: z.array(catalogueSchema).default([]),
  links: z.array(z.strictObject({ code: id, factor: id, note: z.string().optional() })).default([]),
});

const codingSchema = z.strictObject({
  id,
  codes: z.array(id).min(1),
  start: z.number().int().nonnegative(),
  end: z.number().int().nonnegative(),
  quote: z.string(),
  prefix: z.string().default(''),
  suffix: z.string().default(''),
  created: z.string(),
  modified: z.string().optional(),
  memo: z.string().optional(),
  orphaned: z.boolean().optional(),
});

export const codingFileSchemaV1 = z.strictObject({
  schemaVersion: z.literal(1),
  document: studyPath(false, true),
  coder: coderId,
  offsetEncoding: z.literal('utf-16').default('utf-16'),
  codings: z.array(codingSchema),
});

export interface FileProblem {
  readonly file: string;
  /** JSON path inside the file, e.g. ["codes", 3, "parent"]; empty for the whole file. */
  readonly path: readonly (string | number)[];
  readonly message: string;
  /** A warning (unreadable front matter) is shown but does not make the study read-only; a problem without one does. */
  readonly severity?: 'warning';
}

export function formatProblem(p: FileProblem): string {
  const where = p.path.length ? `: ${formatJsonPath(p.path)}` : '';
  return `${p.file}${where}: ${p.message}`;
}

export function formatJsonPath(path: readonly (string | number)[]): string {
  let out = '';
  for (const part of path) {
    out += typeof part === 'number' ? `[${part}]` : out ? `.${part}` : part;
  }
  return out;
}

export class StudyFileError extends Error {
  constructor(readonly problems: readonly FileProblem[]) {
    super(problems.map(formatProblem).join('\n'));
    this.name = 'StudyFileError';
  }
}

type ParseResult<T> = { ok: true; value: T } | { ok: false; problems: FileProblem[] };

function parseJson(file: string, text: string): ParseResult<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    const m = /position (\d+)/.exec(msg);
    let where = '';
    if (m) {
      const pos = Number(m[1]);
      const before = text.slice(0, pos);
      const line = before.split('\n').length;
      const col = pos - before.lastIndexOf('\n');
      where = ` (line ${line}, column ${col})`;
    }
    // The parser's own words ("Unexpected token '}'…") help nobody: where it is, and what to do.
    return {
      ok: false,
      problems: [{ file, path: [], message: `not valid JSON${where}: fix the file there, or restore it from version control` }],
    };
  }
}

function zodProblems(file: string, error: z.ZodError): FileProblem[] {
  return error.issues.slice(0, 20).map((issue) => ({
    file,
    path: issue.path.filter((p): p is string | number => typeof p !== 'symbol'),
    message: issue.message,
  }));
}

/** Older versions are lifted step by step to the current one here. */
const projectMigrations: Record<number, (raw: Record<string, unknown>) => Record<string, unknown>> = {
  // 0 → 1: version 0 (pre-release) called the codebook "codebook" and had no schemaVersion.
  0: (raw) => {
    const { codebook, ...rest } = raw as { codebook?: unknown };
    return { ...rest, codes: raw['codes'] ?? codebook ?? [], schemaVersion: 1 };
  },
};

export function migrateProject(raw: unknown): unknown {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return raw;
  }
  let obj = raw as Record<string, unknown>;
  let version = typeof obj['schemaVersion'] === 'number' ? (obj['schemaVersion'] as number) : 0;
  while (version < CURRENT_SCHEMA_VERSION && projectMigrations[version]) {
    obj = projectMigrations[version](obj);
    version = obj['schemaVersion'] as number;
  }
  return obj;
}

export function parseProjectFile(file: string, text: string): ParseResult<ProjectData> {
  const json = parseJson(file, text);
  if (!json.ok) {
    return json;
  }
  const raw = json.value as { schemaVersion?: unknown };
  if (typeof raw === 'object' && raw && typeof raw.schemaVersion === 'number' && raw.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [
        {
          file,
          path: ['schemaVersion'],
          message: `written by a newer Codeboom (schema ${raw.schemaVersion}; this version reads up to ${CURRENT_SCHEMA_VERSION})`,
        },
      ],
    };
  }
  const parsed = projectSchemaV1.safeParse(migrateProject(json.value));
  if (!parsed.success) {
    return { ok: false, problems: zodProblems(file, parsed.error) };
  }
  const { $schema: _ignored, ...project } = parsed.data;
  const problems = checkProjectReferences(file, project);
  return problems.length ? { ok: false, problems } : { ok: true, value: project };
}

function checkProjectReferences(file: string, p: ProjectData): FileProblem[] {
  const problems: FileProblem[] = [];
  const codeIds = new Map<string, number>();
  p.codes.forEach((c, i) => {
    if (codeIds.has(c.id)) {
      problems.push({ file, path: ['codes', i, 'id'], message: `duplicate code id "${c.id}"` });
    }
    codeIds.set(c.id, i);
  });
  p.codes.forEach((c, i) => {
    if (c.parent !== undefined && !codeIds.has(c.parent)) {
      problems.push({ file, path: ['codes', i, 'parent'], message: `unknown code id "${c.parent}"` });
    }
  });
  // Cycles in the parent chain, in one pass: each code is walked over once (a per-code walk to the
  // root is quadratic, 20-30 s on a 20,000-deep chain). Each code on a loop is reported.
  const parentOf = new Map(p.codes.map((c) => [c.id, c.parent]));
  const indexOf = new Map(p.codes.map((c, i) => [c.id, i]));
  const state = new Map<string, 'walking' | 'done'>();
  for (const c of p.codes) {
    const walk: string[] = [];
    let cur: string | undefined = c.id;
    while (cur !== undefined && codeIds.has(cur) && !state.has(cur)) {
      state.set(cur, 'walking');
      walk.push(cur);
      cur = parentOf.get(cur);
    }
    if (cur !== undefined && state.get(cur) === 'walking') {
      // The walk came back to a code of its own: from there on it is a loop.
      for (const id of walk.slice(walk.indexOf(cur))) {
        const i = indexOf.get(id)!;
        problems.push({ file, path: ['codes', i, 'parent'], message: `code "${p.codes[i].name}" is its own ancestor` });
      }
    }
    for (const id of walk) {
      state.set(id, 'done');
    }
  }
  const factorIds = new Set<string>();
  p.catalogues.forEach((cat, ci) =>
    cat.categories.forEach((category, gi) =>
      category.factors.forEach((f, fi) => {
        if (factorIds.has(f.id)) {
          problems.push({
            file,
            path: ['catalogues', ci, 'categories', gi, 'factors', fi, 'id'],
            message: `duplicate factor id "${f.id}"`,
          });
        }
        factorIds.add(f.id);
      }),
    ),
  );
  p.links.forEach((l, i) => {
    if (!codeIds.has(l.code)) {
      problems.push({ file, path: ['links', i, 'code'], message: `unknown code id "${l.code}"` });
    }
    if (!factorIds.has(l.factor)) {
      problems.push({ file, path: ['links', i, 'factor'], message: `unknown factor id "${l.factor}"` });
    }
  });
  return problems;
}

export interface CodingFileData {
  readonly document: string;
  readonly coder: string;
  readonly codings: Coding[];
}

/**
 * One record of a checked codings file as the study's coding: a fresh object of one shape (the
 * same hidden class for every coding, whatever the file's key order; the code ids are already the
 * codebook's own strings when the caller had them), and the quote, prefix and suffix as views of the
 * transcript's text when they are that text (V8 makes a slice of 13 or more characters a view:
 * 32 bytes instead of a copy; codings made in the editor hold such views already, see makeAnchor).
 * The parsed record and its strings then die young instead of surviving into the old generation
 * with the study: most of the garbage collection of an open was copying them.
 */
function toCoding(c: Coding, doc: string, coder: string, text: string | undefined): Coding {
  const { start, end } = c;
  let { quote, prefix, suffix } = c;
  if (text !== undefined && start <= end && end <= text.length) {
    const q = text.slice(start, end);
    quote = q === quote ? q : quote;
    if (prefix.length <= start) {
      const p = text.slice(start - prefix.length, start);
      prefix = p === prefix ? p : prefix;
    }
    const s = text.slice(end, end + suffix.length);
    suffix = s === suffix ? s : suffix;
  }
  const out: { -readonly [K in keyof Coding]: Coding[K] } = {
    id: c.id,
    doc,
    coder,
    codes: c.codes,
    start,
    end,
    quote,
    prefix,
    suffix,
    created: c.created,
  };
  if (c.modified !== undefined) {
    out.modified = c.modified;
  }
  if (c.memo !== undefined) {
    out.memo = c.memo;
  }
  if (c.orphaned !== undefined) {
    out.orphaned = c.orphaned;
  }
  return out;
}

/**
 * Parses one codings file. `knownCodes` makes it check code references too (a map from each code id
 * to itself also makes the records share the codebook's strings); `transcriptText`, the text of
 * the transcript the file names, makes quotes, prefixes and suffixes that are that text views of it.
 * Offsets are not checked
 * against the transcript: a transcript changed outside the editor (shorter, rewritten, emptied) is a
 * reason to re-anchor its codings (see the store), never a reason to refuse the study.
 */
export function parseCodingFile(
  file: string,
  text: string,
  knownCodes?: ReadonlySet<string> | ReadonlyMap<string, string>,
  transcriptText?: (doc: string) => string | undefined,
): ParseResult<CodingFileData> {
  const json = parseJson(file, text);
  if (!json.ok) {
    return json;
  }
  const raw = json.value as { schemaVersion?: unknown };
  if (typeof raw === 'object' && raw && typeof raw.schemaVersion === 'number' && raw.schemaVersion > CURRENT_SCHEMA_VERSION) {
    return {
      ok: false,
      problems: [{ file, path: ['schemaVersion'], message: `written by a newer Codeboom (schema ${raw.schemaVersion})` }],
    };
  }
  // The compiled check of the same shape; zod only when it says no, to decide and to explain.
  let data: z.output<typeof codingFileSchemaV1> | undefined = fastCodingFile(json.value) as z.output<typeof codingFileSchemaV1> | undefined;
  if (!data) {
    const parsed = codingFileSchemaV1.safeParse(json.value);
    if (!parsed.success) {
      return { ok: false, problems: zodProblems(file, parsed.error) };
    }
    data = parsed.data;
  }
  const problems: FileProblem[] = [];
  const firstIndex = new Map<string, number>();
  const codeIds = knownCodes instanceof Map ? knownCodes : undefined;
  const { document, coder } = data;
  const transcript = transcriptText?.(document);
  // zod's output (or the fast path's parsed JSON) is ours: each record becomes a coding of one shape.
  const codings = data.codings as unknown as Coding[];
  for (let i = 0; i < codings.length; i++) {
    const c = codings[i];
    // Two records with one id (say, both sides kept when resolving a git conflict) would hide one another.
    const first = firstIndex.get(c.id);
    if (first !== undefined) {
      problems.push({ file, path: ['codings', i, 'id'], message: `duplicate coding id "${c.id}" (also codings[${first}])` });
    } else {
      firstIndex.set(c.id, i);
    }
    if (c.end < c.start) {
      problems.push({ file, path: ['codings', i, 'end'], message: `end ${c.end} is before start ${c.start}` });
    }
    const codes = c.codes as string[];
    for (let j = 0; knownCodes && j < codes.length; j++) {
      // One lookup checks the reference and finds the codebook's own string of the id.
      const own = codeIds ? codeIds.get(codes[j]) : knownCodes.has(codes[j]) ? codes[j] : undefined;
      if (own === undefined) {
        problems.push({ file, path: ['codings', i, 'codes', j], message: `unknown code id "${codes[j]}"` });
      } else {
        codes[j] = own;
      }
    }
    codings[i] = toCoding(c, document, coder, transcript);
  }
  return problems.length ? { ok: false, problems } : { ok: true, value: { document: data.document, coder: data.coder, codings } };
}
