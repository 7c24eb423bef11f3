/** What an agreement report tests, from words (the CLI's --codes, --docs, --domains): names or ids, comma-separated. */
import type { Study } from '../study';
import type { AgreementChoice } from '../agreement';
import { append } from '../port';

export interface AgreementWords {
  readonly codes?: string;
  readonly docs?: string;
  readonly domains?: string;
  /** Percent, 1–100. */
  readonly overlap?: string;
  /** A parent's row counts its subcodes' codings too. */
  readonly rollUp?: boolean;
  /** characters (default) or segments: the method reported first and in the methods paragraph. */
  readonly method?: string;
}

const list = (s: string): string[] =>
  s
    .split(',')
    .map((x) => x.trim())
    .filter(Boolean);

/** The code of a word: its id, else its name, else its path ("parent › child" or "parent/child"). */
function codeOf(study: Study, word: string): string | undefined {
  const lower = word.toLowerCase();
  return (
    study.code(word)?.id ??
    study.codes.find((c) => c.name.toLowerCase() === lower)?.id ??
    study.codes.find((c) => study.pathLabel(c.id).toLowerCase() === lower || study.pathLabel(c.id, '/').toLowerCase() === lower)?.id
  );
}

/** The choice, or the first word that names nothing (an English sentence for the CLI). */
export function agreementChoiceFromWords(study: Study, words: AgreementWords): { value: AgreementChoice } | { error: string } {
  const codes = (option: string, given: string | undefined, subtree: boolean): string[] | string | undefined => {
    if (given === undefined) {
      return undefined;
    }
    const out: string[] = [];
    for (const w of list(given)) {
      const id = codeOf(study, w);
      if (id === undefined) {
        return `--${option}: "${w}" is no code of the study`;
      }
      append(out, subtree ? study.subtree(id) : [id]);
    }
    return out;
  };
  const chosenCodes = codes('codes', words.codes, true);
  const domains = codes('domains', words.domains, false);
  for (const x of [chosenCodes, domains]) {
    if (typeof x === 'string') {
      return { error: x };
    }
  }
  let docs: string[] | undefined;
  if (words.docs !== undefined) {
    docs = [];
    for (const w of list(words.docs)) {
      const doc = study.documents.find(
        (d) => d.path === w || d.path === `${w}.md` || d.path.endsWith(`/${w}`) || d.path.endsWith(`/${w}.md`),
      );
      if (!doc) {
        return { error: `--docs: "${w}" is no transcript of the study` };
      }
      docs.push(doc.path);
    }
  }
  let overlap: number | undefined;
  if (words.overlap !== undefined) {
    overlap = Number(words.overlap.replace(/%$/, '').trim());
    if (!Number.isFinite(overlap) || overlap <= 0 || overlap > 100) {
      return { error: `--overlap "${words.overlap}" must be a percentage above 0 and at most 100` };
    }
    overlap /= 100;
  }
  const method = words.method?.trim().toLowerCase();
  if (method !== undefined && method !== 'characters' && method !== 'segments') {
    return { error: `--method "${words.method}" must be characters or segments` };
  }
  return {
    value: {
      ...(method ? { method } : {}),
      ...(overlap !== undefined ? { overlap } : {}),
      ...(words.rollUp ? { rollUp: true } : {}),
      ...(docs ? { docs } : {}),
      ...(chosenCodes ? { codes: chosenCodes as string[] } : {}),
      ...(domains ? { domains: domains as string[] } : {}),
    },
  };
}
