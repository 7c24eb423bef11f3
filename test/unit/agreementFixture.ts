import { Study } from '../../src/core/study';
import type { Code, Coding, TranscriptDocument } from '../../src/core/model';
import { emptyProject } from '../../src/core/model';

/** The front matter every agreement fixture's transcripts start with: offsets are given relative to the body after it. */
export const FRONT = '---\na: 1\n---\n';

/**
 * A small study builder for the agreement tests: codings of one code each, at body-relative
 * offsets, on transcripts of one length, with the given codebook.
 */
export function agreementFixture(options: { idPrefix: string; codes: Code[]; length: number; bodyStart?: number }) {
  const bodyStart = options.bodyStart ?? FRONT.length;
  let n = 0;
  const c = (doc: string, coder: string, code: string, start: number, end: number, orphaned = false): Coding => ({
    id: `${options.idPrefix}${++n}`,
    doc,
    coder,
    codes: [code],
    start: bodyStart + start,
    end: bodyStart + end,
    quote: '',
    prefix: '',
    suffix: '',
    created: 't',
    ...(orphaned ? { orphaned } : {}),
  });
  const docOf = (path: string): TranscriptDocument => ({ path, attributes: {}, bodyStart, length: options.length, title: path });
  const studyOf = (docs: string[], codings: Coding[]): Study =>
    new Study({ ...emptyProject('t'), codes: options.codes }, docs.map(docOf), codings);
  return { c, docOf, studyOf, bodyStart };
}

/** Codes without colour or definition: a name and, for a child, its parent. */
export const plainCodes = (...specs: Array<[string, string?]>): Code[] =>
  specs.map(([id, parent]) => ({ id, name: id, color: '#000000', ...(parent ? { parent } : {}) }));
