/**
 * Three-way merges of study files: when a file changed on disk since we last read or wrote it,
 * their records and ours are merged record by record instead of overwritten.
 */
import type { Coding, ProjectData } from '../model';

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

/** Three-way merge of records by key; a change of ours wins a conflict; `keep` saves a record from deletion. */
function mergeRecords<T>(
  base: readonly T[],
  ours: readonly T[],
  theirs: readonly T[],
  key: (t: T) => string,
  keep: (k: string) => boolean,
): T[] {
  const b = new Map(base.map((x) => [key(x), x]));
  const o = new Map(ours.map((x) => [key(x), x]));
  const t = new Map(theirs.map((x) => [key(x), x]));
  // In the order of the side that reordered (ours if both did), then what only the other side has.
  const oursReordered = !sameData(
    base.map(key),
    ours.map(key).filter((k) => b.has(k)),
  );
  const [first, second] = oursReordered ? [ours, theirs] : [theirs, ours];
  const out: T[] = [];
  for (const k of new Set([...first.map(key), ...second.map(key)])) {
    const inBase = b.get(k);
    const mine = o.get(k);
    const other = t.get(k);
    const mineChanged = !(inBase === undefined ? mine === undefined : mine !== undefined && sameData(inBase, mine));
    const otherChanged = !(inBase === undefined ? other === undefined : other !== undefined && sameData(inBase, other));
    const pick = (mineChanged ? mine : otherChanged ? other : mine) ?? (keep(k) ? (mine ?? other) : undefined);
    if (pick !== undefined) {
      out.push(pick);
    }
  }
  return out;
}

/**
 * Three-way merge of the project file: codes and links record by record (a change of ours wins a
 * conflict), every other field from the side that changed it. Codes that codings use (`used`) are
 * kept; no parent or link is left pointing at a missing code, and no code becomes its own ancestor.
 */
export function mergeProject(
  base: ProjectData,
  ours: ProjectData,
  theirs: ProjectData,
  used: ReadonlySet<string> = new Set(),
): ProjectData {
  const out: Record<string, unknown> = { ...theirs };
  for (const k of Object.keys({ ...base, ...ours }) as Array<keyof ProjectData>) {
    if (k !== 'codes' && k !== 'links' && !sameData(base[k], ours[k])) {
      out[k] = ours[k];
    }
  }
  let codes = mergeRecords(
    base.codes,
    ours.codes,
    theirs.codes,
    (c) => c.id,
    (id) => used.has(id),
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
  return { ...(out as unknown as ProjectData), codes, links };
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
    let pick = mineChanged ? mine : otherChanged ? other : mine;
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
