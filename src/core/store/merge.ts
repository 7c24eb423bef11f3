/**
 * Three-way merges of study files: when a file changed on disk since we last read or wrote it,
 * their records and ours are merged record by record instead of overwritten.
 */
import type { Code, Coding, ProjectData } from '../model';

/** Content equality of plain JSON data, whatever the order of keys. */
function sameData(a: unknown, b: unknown): boolean {
  const stable = (v: unknown): string =>
    JSON.stringify(v, (_k, x: unknown) =>
      x && typeof x === 'object' && !Array.isArray(x)
        ? Object.fromEntries(Object.entries(x as Record<string, unknown>).sort(([p], [q]) => (p < q ? -1 : p > q ? 1 : 0)))
        : x,
    );
  return stable(a) === stable(b);
}

/** A record that both sides changed: how to combine them (default: ours). */
type Combine<T> = (base: T, mine: T, other: T) => T;

/** The keys of a side in order, when that order differs from the base's (additions, removals, moves). */
function changedOrder<T>(base: readonly T[], side: readonly T[], key: (t: T) => string): boolean {
  return !sameData(base.map(key), side.map(key));
}

/**
 * Three-way merge of records by key; a change of ours wins a conflict (or `combine` decides when
 * both changed a record); `keep` saves a record from deletion.
 */
function mergeRecords<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (t: T) => string,
  keep: (k: string) => boolean,
  combine?: Combine<T>,
): T[] {
  const b = new Map(base.map((x) => [key(x), x]));
  const o = new Map(ours.map((x) => [key(x), x]));
  const t = new Map(theirs.map((x) => [key(x), x]));
  // In the order of the side whose list changed (ours if both did), then what only the other side
  // has: a side that left the list as it was takes the other side's order whole.
  const oursFirst = changedOrder(base, ours, key) || !changedOrder(base, theirs, key);
  const [first, second] = oursFirst ? [ours, theirs] : [theirs, ours];
  const out: T[] = [];
  for (const k of new Set([...first.map(key), ...second.map(key)])) {
    const inBase = b.get(k);
    const mine = o.get(k);
    const other = t.get(k);
    const mineChanged = !(inBase === undefined ? mine === undefined : mine !== undefined && sameData(inBase, mine));
    const otherChanged = !(inBase === undefined ? other === undefined : other !== undefined && sameData(inBase, other));
    // A side's change outlives the other side's deletion (either way round: the merge is symmetric).
    let pick = (mineChanged && mine !== undefined ? mine : otherChanged ? other : mine) ?? (keep(k) ? (mine ?? other) : undefined);
    if (combine && mineChanged && otherChanged && inBase !== undefined && mine !== undefined && other !== undefined) {
      pick = combine(inBase, mine, other);
    }
    if (pick !== undefined) {
      out.push(pick);
    }
  }
  return out;
}

/** Two sides changed the same field of a code in different ways: ours was kept, theirs is reported. */
export interface CodeConflict {
  readonly code: string;
  readonly field: 'name' | 'parent' | 'definition' | 'memo';
  readonly base?: string;
  readonly ours?: string;
  readonly theirs?: string;
}

/** The fields of a code whose different changes on two sides need a person (the others: ours wins). */
const CONFLICT_FIELDS: ReadonlyArray<CodeConflict['field']> = ['name', 'parent', 'definition', 'memo'];

/**
 * A code both sides changed, field by field: each field from the side that changed it. A field both
 * changed differently keeps ours; for the name, theirs is kept as an alias (searchable, nothing lost)
 * and the fields in {@link CONFLICT_FIELDS} are reported.
 */
function combineCodes(conflicts: CodeConflict[]): Combine<Code> {
  return (base, mine, other) => {
    const out: Record<string, unknown> = {};
    const keys = new Set([...Object.keys(base), ...Object.keys(mine), ...Object.keys(other)] as Array<keyof Code>);
    for (const k of keys) {
      const mineSame = sameData(base[k], mine[k]);
      const otherSame = sameData(base[k], other[k]);
      out[k] = mineSame ? other[k] : mine[k];
      if (!mineSame && !otherSame && !sameData(mine[k], other[k]) && (CONFLICT_FIELDS as readonly string[]).includes(k)) {
        conflicts.push({
          code: base.id,
          field: k as CodeConflict['field'],
          base: base[k] as string,
          ours: mine[k] as string,
          theirs: other[k] as string,
        });
      }
    }
    if (conflicts.some((c) => c.code === base.id && c.field === 'name')) {
      const aliases = [...new Set([...((out['aliases'] as string[] | undefined) ?? []), other.name])];
      out['aliases'] = aliases.filter((a) => a !== out['name']);
    }
    for (const k of Object.keys(out)) {
      if (out[k] === undefined) {
        delete out[k];
      }
    }
    return out as unknown as Code;
  };
}

/** Records with an id (cases, respondents, coders, catalogues): merged by id. */
const RECORD_FIELDS = ['cases', 'respondents', 'coders', 'catalogues'] as const;

/**
 * Three-way merge of the project file: codes, links, cases, respondents, coders and catalogues
 * record by record (a code both sides changed, field by field; ours wins a conflict), every other
 * field from the side that changed it. Codes that codings use (`used`) are kept; no parent or link
 * is left pointing at a missing code, and no code becomes its own ancestor.
 */
export function mergeProject(
  base: ProjectData,
  ours: ProjectData,
  theirs: ProjectData,
  used: ReadonlySet<string> = new Set(),
): ProjectData {
  return mergeProjectReport(base, ours, theirs, used).project;
}

/**
 * {@link mergeProject}, and the changes it could not decide: a code both sides renamed (or moved,
 * or whose definition or memo both changed) differently keeps ours; theirs is in `conflicts`.
 */
export function mergeProjectReport(
  base: ProjectData,
  ours: ProjectData,
  theirs: ProjectData,
  used: ReadonlySet<string> = new Set(),
): { project: ProjectData; conflicts: CodeConflict[] } {
  const out: Record<string, unknown> = { ...theirs };
  for (const k of Object.keys({ ...base, ...ours }) as Array<keyof ProjectData>) {
    if (k !== 'codes' && k !== 'links' && !sameData(base[k], ours[k])) {
      out[k] = ours[k];
    }
  }
  for (const k of RECORD_FIELDS) {
    out[k] = mergeRecords<{ id: string }>(
      base[k] ?? [],
      ours[k] ?? [],
      theirs[k] ?? [],
      (r) => r.id,
      () => false,
    );
  }
  const conflicts: CodeConflict[] = [];
  let codes = mergeRecords(
    base.codes,
    ours.codes,
    theirs.codes,
    (c) => c.id,
    (id) => used.has(id),
    combineCodes(conflicts),
  );
  const parentOf = new Map(codes.map((c) => [c.id, c.parent]));
  for (const c of codes) {
    if (c.parent !== undefined && !parentOf.has(c.parent)) {
      parentOf.set(c.id, undefined);
    }
  }
  for (const c of codes) {
    // Each side moved a code under the other: the code where the loop closes goes to the top.
    const seen = new Set<string>();
    let p = parentOf.get(c.id);
    while (p !== undefined && p !== c.id && !seen.has(p)) {
      seen.add(p);
      p = parentOf.get(p);
    }
    if (p === c.id) {
      parentOf.set(c.id, undefined);
    }
  }
  codes = codes.map((c) => {
    if (parentOf.get(c.id) === c.parent) {
      return c;
    }
    const { parent: _dropped, ...rest } = c;
    return rest;
  });
  const factors = new Set(
    (out['catalogues'] as ProjectData['catalogues']).flatMap((cat) => cat.categories.flatMap((g) => g.factors.map((f) => f.id))),
  );
  const links = mergeRecords(
    base.links,
    ours.links,
    theirs.links,
    (l) => `${l.code}\u0000${l.factor}`,
    () => false,
  ).filter((l) => parentOf.has(l.code) && factors.has(l.factor));
  return { project: { ...(out as unknown as ProjectData), codes, links }, conflicts };
}

/** Three-way merge of one partition's codings, record by record (by id). A change of ours wins a conflict. */
export function mergeCodings(base: readonly Coding[], ours: readonly Coding[], theirs: readonly Coding[]): Coding[] {
  const b = new Map(base.map((c) => [c.id, c]));
  const o = new Map(ours.map((c) => [c.id, c]));
  const t = new Map(theirs.map((c) => [c.id, c]));
  const ids = new Set([...b.keys(), ...o.keys(), ...t.keys()]);
  const out: Coding[] = [];
  for (const id of ids) {
    const inBase = b.get(id);
    const mine = o.get(id);
    const other = t.get(id);
    const mineChanged = !sameCoding(inBase, mine);
    const otherChanged = !sameCoding(inBase, other);
    let pick = mineChanged && mine !== undefined ? mine : otherChanged ? other : mine;
    if (mineChanged && otherChanged && inBase && mine && other) {
      // Both changed the same coding (say, we moved it by typing and they recoded it): each part
      // comes from the side that changed it, ours where both did.
      const parts: Record<string, unknown> = {};
      for (const keys of CODING_PARTS) {
        const from = samePart(inBase, mine, keys) ? other : mine;
        for (const k of keys) {
          if (from[k] !== undefined) {
            parts[k] = from[k];
          }
        }
      }
      pick = parts as unknown as Coding;
    }
    if (pick) {
      out.push(pick);
    }
  }
  return out;
}

/** The parts of a coding that two sides can change independently. */
const CODING_PARTS: ReadonlyArray<ReadonlyArray<keyof Coding>> = [
  ['id', 'doc', 'coder', 'created'],
  ['codes'],
  ['memo'],
  ['modified'],
  ['start', 'end', 'quote', 'prefix', 'suffix', 'orphaned'],
];

/** Equal in content (key order differs between a record read from a file and one made in memory). */
function samePart(a: Coding, b: Coding, keys: ReadonlyArray<keyof Coding>): boolean {
  return keys.every((k) => (k === 'orphaned' ? !!a[k] === !!b[k] : JSON.stringify(a[k]) === JSON.stringify(b[k])));
}

function sameCoding(a: Coding | undefined, b: Coding | undefined): boolean {
  if (!a || !b) {
    return a === b;
  }
  return CODING_PARTS.every((keys) => samePart(a, b, keys));
}
