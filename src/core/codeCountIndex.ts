/**
 * The code tree's counts (own, subtree total, uncounted; see codeCounts in ./codebookOps) kept per
 * study and brought up to date with what changed: each transcript's share is remembered, and a
 * change of codings redoes only the transcripts whose revision moved (the study raises a
 * transcript's revision with every change of its codings, at the index, so no change is missed and
 * the order in which listeners run does not matter). A change of the codebook or of the transcripts
 * counts everything again. The property test (test/unit/codeCountIndex.test.ts) compares these
 * counts with a fresh count after random operation sequences.
 */
import type { Coding } from './model';
import type { Study } from './study';
import { isCounted } from './counting';

export interface Counts {
  readonly own: number;
  readonly total: number;
  readonly uncounted: number;
}

/**
 * What the counts are made of, per code slot: codings that carry the code (counted), single-code
 * codings at the code (counted, not counted: rolled up to the ancestors when read, as rollUp in
 * ./codebookOps does, linear also in a deep codebook), and codings with several codes at each of
 * their ancestors-or-self once (counted, not counted).
 */
const PARTS = 5;
const [OWN, SINGLE, SINGLE_APART, EXTRA, EXTRA_APART] = [0, 1, 2, 3, 4];

/** One transcript's share, sparse: the slots (codes) it touches and what it adds there, PARTS per slot. */
interface Share {
  readonly revision: number;
  readonly slots: Int32Array;
  readonly values: Int32Array;
}

class CodeCountIndex {
  readonly structure: number;
  private codingsRevision = -1;
  private readonly slot = new Map<string, number>();
  private readonly ids: string[];
  private readonly parent: Int32Array;
  /** Slots, deepest codes first (children before their parents). */
  private readonly deepestFirst: Int32Array;
  private readonly shares = new Map<string, Share>();
  /** The sums of the shares, PARTS per slot. */
  private readonly sums: Int32Array;
  // Scratch, all zero between uses.
  private readonly scratch: Int32Array;
  private readonly stamp: Float64Array;
  private stampNo = 0;

  constructor(private readonly study: Study) {
    this.structure = study.structureRevision;
    this.ids = study.codes.map((c) => c.id);
    this.ids.forEach((id, i) => this.slot.set(id, i));
    this.parent = Int32Array.from(study.codes, (c) => (c.parent !== undefined ? (this.slot.get(c.parent) ?? -1) : -1));
    const order = this.ids.map((_, i) => i).sort((a, b) => study.depthOf(this.ids[b]) - study.depthOf(this.ids[a]));
    this.deepestFirst = Int32Array.from(order);
    this.sums = new Int32Array(this.ids.length * PARTS);
    this.scratch = new Int32Array(this.ids.length * PARTS);
    this.stamp = new Float64Array(this.ids.length);
  }

  /** The counts of every code, up to date with the study. */
  counts(): Map<string, Counts> {
    const index = this.study.codingsIndex;
    if (this.codingsRevision !== index.revision) {
      for (const [doc, { revision }] of index.docRevisions()) {
        const old = this.shares.get(doc);
        if (old?.revision !== revision) {
          this.replaceShare(doc, revision, old);
        }
      }
      this.codingsRevision = index.revision;
    }
    const n = this.ids.length;
    const total = new Int32Array(n);
    const apart = new Int32Array(n);
    for (let i = 0; i < n; i++) {
      total[i] = this.sums[i * PARTS + SINGLE];
      apart[i] = this.sums[i * PARTS + SINGLE_APART];
    }
    for (const i of this.deepestFirst) {
      const p = this.parent[i];
      if (p >= 0) {
        total[p] += total[i];
        apart[p] += apart[i];
      }
    }
    const out = new Map<string, Counts>();
    for (let i = 0; i < n; i++) {
      const at = i * PARTS;
      out.set(this.ids[i], {
        own: this.sums[at + OWN],
        total: total[i] + this.sums[at + EXTRA],
        uncounted: apart[i] + this.sums[at + EXTRA_APART],
      });
    }
    return out;
  }

  private replaceShare(doc: string, revision: number, old: Share | undefined): void {
    if (old) {
      this.addShare(old, -1);
    }
    const share = this.shareOf(this.study.codingsIndex.unorderedOfDoc(doc), revision);
    this.addShare(share, 1);
    this.shares.set(doc, share);
  }

  private addShare(s: Share, sign: number): void {
    for (let k = 0; k < s.slots.length; k++) {
      const at = s.slots[k] * PARTS;
      for (let p = 0; p < PARTS; p++) {
        this.sums[at + p] += sign * s.values[k * PARTS + p];
      }
    }
  }

  private shareOf(codings: Iterable<Coding>, revision: number): Share {
    const touched: number[] = [];
    const bump = (i: number, part: number): void => {
      const at = i * PARTS;
      if (
        this.scratch[at] === 0 &&
        this.scratch[at + 1] === 0 &&
        this.scratch[at + 2] === 0 &&
        this.scratch[at + 3] === 0 &&
        this.scratch[at + 4] === 0
      ) {
        touched.push(i);
      }
      this.scratch[at + part]++;
    };
    for (const c of codings) {
      const counted = isCounted(this.study, c);
      if (c.codes.length === 1) {
        const i = this.slot.get(c.codes[0]);
        if (i !== undefined) {
          if (counted) {
            bump(i, OWN);
          }
          bump(i, counted ? SINGLE : SINGLE_APART);
        }
        continue;
      }
      // Each ancestor once per coding, however many of its codes lie below it.
      const stamp = ++this.stampNo;
      for (const code of c.codes) {
        const i = this.slot.get(code);
        if (i === undefined) {
          continue;
        }
        if (counted) {
          bump(i, OWN);
        }
        for (let a = i; a >= 0 && this.stamp[a] !== stamp; a = this.parent[a]) {
          this.stamp[a] = stamp;
          bump(a, counted ? EXTRA : EXTRA_APART);
        }
      }
    }
    const slots = Int32Array.from(touched);
    const values = new Int32Array(slots.length * PARTS);
    slots.forEach((i, k) => {
      for (let p = 0; p < PARTS; p++) {
        values[k * PARTS + p] = this.scratch[i * PARTS + p];
        this.scratch[i * PARTS + p] = 0;
      }
    });
    return { revision, slots, values };
  }
}

const indexes = new WeakMap<Study, CodeCountIndex>();

/** The counts of every code over all codings, from the study's count index (made or renewed when the codebook or the transcripts changed). */
export function liveCodeCounts(study: Study): Map<string, Counts> {
  let index = indexes.get(study);
  if (!index || index.structure !== study.structureRevision) {
    index = new CodeCountIndex(study);
    indexes.set(study, index);
  }
  return index.counts();
}
