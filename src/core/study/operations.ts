/**
 * The changes a study can undergo: every mutation is an {@link Operation}, and applying one yields
 * its inverse, which is what undo runs (./apply). Also the keys the study indexes its records by.
 */
import type { Code, CodeFactorLink, Coding, FactorCatalogue } from '../model';

export type CodingPatch = Partial<
  Pick<Coding, 'codes' | 'memo' | 'start' | 'end' | 'quote' | 'prefix' | 'suffix' | 'orphaned' | 'modified'>
>;
/** `parent: null` moves a code to the top level. */
export type CodePatch = Partial<Omit<Code, 'id' | 'parent'>> & { parent?: string | null };

export type Operation =
  | { readonly kind: 'addCoding'; readonly coding: Coding }
  | { readonly kind: 'removeCoding'; readonly id: string }
  | { readonly kind: 'updateCoding'; readonly id: string; readonly patch: CodingPatch }
  | { readonly kind: 'addCode'; readonly code: Code; readonly index?: number }
  | { readonly kind: 'removeCode'; readonly id: string }
  | { readonly kind: 'updateCode'; readonly id: string; readonly patch: CodePatch }
  | { readonly kind: 'moveCode'; readonly id: string; readonly index: number }
  | { readonly kind: 'addLink'; readonly link: CodeFactorLink }
  | { readonly kind: 'removeLink'; readonly code: string; readonly factor: string }
  /** Replaces the literature factor catalogues (an import); refused while a link points at a factor it drops. */
  | { readonly kind: 'setCatalogues'; readonly catalogues: readonly FactorCatalogue[] };

export type AddCoding = Extract<Operation, { kind: 'addCoding' }>;

export interface StudyChange {
  /** Transcripts whose codings changed. */
  readonly docs: readonly string[];
  /** Codes, links or catalogues changed. */
  readonly codebook: boolean;
  /** Transcripts were added, removed or their attributes changed. */
  readonly documents: boolean;
  /** Everything was replaced (reload from disk). */
  readonly reloaded: boolean;
}

export function partitionKey(doc: string, coder: string): string {
  return `${doc}\u0000${coder}`;
}

export function splitPartitionKey(key: string): { doc: string; coder: string } {
  const i = key.indexOf('\u0000');
  return { doc: key.slice(0, i), coder: key.slice(i + 1) };
}

export function linkKey(code: string, factor: string): string {
  return `${code}\u0000${factor}`;
}
