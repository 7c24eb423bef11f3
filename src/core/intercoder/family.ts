/**
 * Krippendorff's family of α coefficients for any number of coders (≥ 2), per code and per
 * semantic domain, as ATLAS.ti's intercoder agreement offers them, on the same units as the pair
 * report: the characters of the transcript bodies (codings clipped to the body, only counted ones).
 *
 * A coder who did not code a transcript is *missing* there (not "did not apply the code"): their
 * values for its characters are left out, as Krippendorff's α allows (./alpha.ts, alphaNominal).
 * A transcript counts when at least two of the coders coded it.
 *
 * A domain is a code with its subcodes (default: every top-level code). Per domain:
 *  - α-binary: per character, did the coder apply any code of the domain (1) or not (0);
 *  - cu-α: only where a coder applied the domain, which of its codes (the set of them is one
 *    category); a coder who did not apply the domain there is missing for that character;
 *  - Cu-α (over all domains): only where a coder applied any domain, which domain(s).
 * Per code, α-binary as for a domain of that one code; per transcript, α-binary pooled over the codes.
 */
import type { Study } from '../study';
import { isCounted } from '../counting';
import type { AlphaResult, AlphaUnit } from './alpha';
import { alphaNominal } from './alpha';

/** One stretch of a transcript's body with, per coder, the codes covering it (undefined: coder missing). */
export interface Segment {
  readonly doc: string;
  /** Where the stretch starts (offset in the transcript). */
  readonly start: number;
  readonly weight: number;
  readonly byCoder: ReadonlyArray<ReadonlySet<string> | undefined>;
}

export interface FamilyChoice {
  readonly coders: readonly string[];
  /** The transcripts tested (default: all). */
  readonly docs?: readonly string[];
  /** The codes tested (default: all). */
  readonly codes?: readonly string[];
  /** The domains: codes whose subtree is one domain (default: the top-level codes). */
  readonly domains?: readonly string[];
  /** A parent's row (per code, per transcript, passages) counts its subcodes' codings too (default: only its own). */
  readonly rollUp?: boolean;
}

export interface DomainAlpha {
  readonly domain: string;
  readonly codes: readonly string[];
  readonly binary: AlphaResult;
  readonly cu: AlphaResult;
}

export interface FamilyReport {
  readonly coders: readonly string[];
  /** The transcripts chosen (undefined: all). */
  readonly chosenDocs?: readonly string[];
  /** Whether a parent's row counts its subcodes' codings too. */
  readonly rollUp: boolean;
  /** Transcripts coded by at least two of the coders, with who is missing there. */
  readonly docs: ReadonlyArray<{ readonly doc: string; readonly missing: readonly string[] }>;
  readonly perCode: ReadonlyArray<{ readonly code: string; readonly alpha: AlphaResult }>;
  readonly domains: readonly DomainAlpha[];
  /** Cu-α: which domain, where coders applied one. */
  readonly across: AlphaResult;
  /** Per transcript: α-binary pooled over the codes (where coders diverge most). */
  readonly perDoc: ReadonlyArray<{ readonly doc: string; readonly alpha: AlphaResult }>;
  /** The passages where the coders present disagree on a code, in transcript order. */
  readonly passages: readonly FamilyPassage[];
}

/** A stretch where some of the coders present applied a code and others did not. */
export interface FamilyPassage {
  readonly doc: string;
  readonly code: string;
  readonly start: number;
  readonly end: number;
  /** The coders who applied the code there (the others present did not). */
  readonly applied: readonly string[];
}

/** The passages of one transcript's segments where the coders present disagree on a code (adjacent stretches merged). */
export function disagreeingPassages(
  segments: readonly Segment[],
  coders: readonly string[],
  codes: readonly string[],
  has: (set: ReadonlySet<string>, code: string) => boolean = (set, code) => set.has(code),
): FamilyPassage[] {
  const out: FamilyPassage[] = [];
  for (const code of codes) {
    let open: { doc: string; start: number; end: number; applied: string[]; key: string } | undefined;
    const close = (): void => {
      if (open) {
        out.push({ doc: open.doc, code, start: open.start, end: open.end, applied: open.applied });
        open = undefined;
      }
    };
    for (const s of segments) {
      // who applied the code here: the coders' indexes as a key
      let key = '';
      let present = 0;
      let count = 0;
      s.byCoder.forEach((set, i) => {
        if (set !== undefined) {
          present++;
          if (has(set, code)) {
            key += `${i},`;
            count++;
          }
        }
      });
      if (count === 0 || count === present) {
        close();
        continue;
      }
      if (open && open.key === key && open.doc === s.doc && open.end === s.start) {
        open.end = s.start + s.weight;
      } else {
        close();
        open = {
          doc: s.doc,
          start: s.start,
          end: s.start + s.weight,
          applied: coders.filter((_, i) => {
            const set = s.byCoder[i];
            return set !== undefined && has(set, code);
          }),
          key,
        };
      }
    }
    close();
  }
  return out.sort((x, y) => (x.doc < y.doc ? -1 : x.doc > y.doc ? 1 : x.start - y.start));
}

/** The segments of one transcript's body for the coders (undefined for those missing there). */
export function segmentsOf(study: Study, doc: string, coders: readonly string[], present: ReadonlySet<string>): Segment[] {
  const d = study.document(doc);
  if (!d) {
    return [];
  }
  const from = d.bodyStart;
  const to = d.length;
  const events: Array<{ at: number; coder: number; code: string; delta: number }> = [];
  for (const c of study.codingsOf(doc)) {
    const i = coders.indexOf(c.coder);
    const s = Math.max(from, c.start);
    const e = Math.min(to, c.end);
    if (i < 0 || s >= e || !isCounted(study, c)) {
      continue;
    }
    for (const code of c.codes) {
      events.push({ at: s, coder: i, code, delta: 1 }, { at: e, coder: i, code, delta: -1 });
    }
  }
  events.sort((x, y) => x.at - y.at);
  const active = coders.map(() => new Map<string, number>());
  const out: Segment[] = [];
  let at = from;
  let k = 0;
  while (at < to) {
    while (k < events.length && events[k].at <= at) {
      const ev = events[k++];
      const m = active[ev.coder];
      const n = (m.get(ev.code) ?? 0) + ev.delta;
      if (n === 0) {
        m.delete(ev.code);
      } else {
        m.set(ev.code, n);
      }
    }
    const next = k < events.length ? Math.min(to, events[k].at) : to;
    out.push({
      doc,
      start: at,
      weight: next - at,
      byCoder: coders.map((coder, i) => (present.has(coder) ? new Set(active[i].keys()) : undefined)),
    });
    at = next;
  }
  return out;
}

/** Whether a coder has a counted coding reaching into the transcript's body. */
function coded(study: Study, doc: string, coder: string): boolean {
  const d = study.document(doc);
  return !!d && study.codingsOf(doc).some((c) => c.coder === coder && isCounted(study, c) && Math.min(c.end, d.length) > d.bodyStart);
}

/** α over segments, each coder's value given by `value` (undefined: missing); "never applied" when no '1'. */
function alphaOver(segments: readonly Segment[], value: (codes: ReadonlySet<string>) => string | undefined, binary: boolean): AlphaResult {
  let applied = false;
  const units: AlphaUnit[] = segments.map((s) => ({
    weight: s.weight,
    values: s.byCoder.map((codes) => {
      const v = codes === undefined ? undefined : value(codes);
      applied ||= v === '1';
      return v;
    }),
  }));
  const r = alphaNominal(units);
  return binary && !applied && r.pairable > 0 ? { ...r, observed: NaN, undefinedReason: 'never-applied' } : r;
}

const key = (codes: Iterable<string>): string | undefined => {
  const list = [...codes].sort();
  return list.length ? list.join('+') : undefined;
};

/** Krippendorff's family for the coders, over the transcripts at least two of them coded. */
export function alphaFamily(study: Study, choice: FamilyChoice): FamilyReport {
  const { coders } = choice;
  const wantedDocs = choice.docs ? new Set(choice.docs) : undefined;
  const docs: Array<{ doc: string; missing: string[] }> = [];
  const segments: Segment[] = [];
  const perDocSegments: Array<{ doc: string; segments: Segment[] }> = [];
  for (const d of study.documents) {
    if (wantedDocs && !wantedDocs.has(d.path)) {
      continue;
    }
    const present = new Set(coders.filter((c) => coded(study, d.path, c)));
    if (present.size < 2) {
      continue;
    }
    docs.push({ doc: d.path, missing: coders.filter((c) => !present.has(c)) });
    const s = segmentsOf(study, d.path, coders, present);
    perDocSegments.push({ doc: d.path, segments: s });
    for (const x of s) {
      segments.push(x);
    }
  }
  const used = new Set<string>();
  for (const s of segments) {
    s.byCoder.forEach((codes) => codes?.forEach((c) => used.add(c)));
  }
  if (choice.rollUp) {
    // rolled up, a parent has a row when any code below it was applied
    [...used].forEach((id) => study.pathOf(id).forEach((p) => used.add(p.id)));
  }
  const below = new Map(choice.rollUp ? study.codes.map((c) => [c.id, study.subtree(c.id)]) : []);
  const has = choice.rollUp
    ? (set: ReadonlySet<string>, code: string): boolean => (below.get(code) ?? []).some((c) => set.has(c))
    : (set: ReadonlySet<string>, code: string): boolean => set.has(code);
  const wantedCodes = choice.codes ? new Set(choice.codes) : undefined;
  const codes = study.codes.map((c) => c.id).filter((id) => used.has(id) && (!wantedCodes || wantedCodes.has(id)));
  const perCode = codes.map((code) => ({ code, alpha: alphaOver(segments, (set) => (has(set, code) ? '1' : '0'), true) }));
  const domainIds = choice.domains ?? study.children(undefined).map((c) => c.id);
  const domains = domainIds.map((domain) => {
    const members = new Set(study.subtree(domain));
    const inDomain = (set: ReadonlySet<string>): string[] => [...set].filter((c) => members.has(c));
    return {
      domain,
      codes: [...members],
      binary: alphaOver(segments, (set) => (inDomain(set).length ? '1' : '0'), true),
      cu: alphaOver(segments, (set) => key(inDomain(set)), false),
    };
  });
  const domainOf = (set: ReadonlySet<string>): string | undefined =>
    key(domains.filter((d) => d.codes.some((c) => set.has(c))).map((d) => d.domain));
  const across = alphaOver(segments, domainOf, false);
  // per transcript: units are code × character, pooled over the codes tested
  const perDoc = perDocSegments.map(({ doc, segments: s }) => ({
    doc,
    alpha: alphaNominal(
      codes.flatMap((code) =>
        s.map((x) => ({ weight: x.weight, values: x.byCoder.map((set) => (set === undefined ? undefined : has(set, code) ? '1' : '0')) })),
      ),
    ),
  }));
  const passages = perDocSegments.flatMap(({ segments: s }) => disagreeingPassages(s, coders, codes, has));
  return {
    coders,
    rollUp: choice.rollUp === true,
    ...(choice.docs ? { chosenDocs: choice.docs } : {}),
    docs,
    perCode,
    domains,
    across,
    perDoc,
    passages,
  };
}
