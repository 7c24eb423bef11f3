/**
 * The optional language-model rerank of the proposals (off unless the researcher switches it on, and
 * never for a confidential study: the glue in src/suggest/languageModel.ts decides). This module is
 * the part that is pure: what is sent — the passages and, for each, the engine's candidate codes
 * with their paths and definitions, nothing else — and how the answer is read back. An answer that
 * cannot be read leaves the engine's order.
 */

export interface RerankCandidate {
  readonly code: string;
  /** The code's path in the codebook ("Parent › Child"). */
  readonly label: string;
  readonly definition?: string;
}

export interface RerankItem {
  readonly passage: string;
  /** The engine's candidates, best first. */
  readonly candidates: readonly RerankCandidate[];
}

/** Passages sent in one request at most. */
export const RERANK_BATCH = 20;

const INSTRUCTIONS = [
  'You help a qualitative researcher code interview passages.',
  'For each passage below, order its candidate codes from the best fitting to the least fitting.',
  'Answer with one line per passage and nothing else, in the form "P1: C2, C1, C3".',
].join('\n');

/** The one message sent for a batch of passages (the README quotes its shape). */
export function rerankPrompt(items: readonly RerankItem[]): string {
  const parts = [INSTRUCTIONS];
  items.forEach((item, i) => {
    parts.push('', `P${i + 1}: ${oneLine(item.passage)}`);
    item.candidates.forEach((c, j) => {
      parts.push(`  C${j + 1}: ${oneLine(c.label)}${c.definition ? ` — ${oneLine(c.definition)}` : ''}`);
    });
  });
  return parts.join('\n');
}

function oneLine(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

const LINE = /^\s*\**P(\d+)\**\s*[:.)-]\s*(.*)$/i;
const CANDIDATE = /C(\d+)/gi;

/**
 * The candidates' order per passage from the model's answer: indices into each item's candidates.
 * A passage the answer does not mention keeps the engine's order; candidates the answer leaves out
 * follow the ones it names, in the engine's order; unknown and repeated numbers are ignored.
 */
export function parseRerank(answer: string, items: readonly RerankItem[]): number[][] {
  const orders = items.map((item) => item.candidates.map((_, j) => j));
  for (const line of answer.split(/\r?\n/)) {
    const m = LINE.exec(line);
    if (!m) {
      continue;
    }
    const i = Number(m[1]) - 1;
    const item = items[i];
    if (!item) {
      continue;
    }
    const named: number[] = [];
    for (const c of m[2].matchAll(CANDIDATE)) {
      const j = Number(c[1]) - 1;
      if (j >= 0 && j < item.candidates.length && !named.includes(j)) {
        named.push(j);
      }
    }
    if (named.length > 0) {
      orders[i] = [...named, ...orders[i].filter((j) => !named.includes(j))];
    }
  }
  return orders;
}
