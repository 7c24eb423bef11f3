/** Opening a study from the command line (its problems on standard error) and its numbers. */
import * as path from 'path';
import { StudyStore } from '../core/store';
import { formatProblem } from '../core/schema';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { maxOf } from '../core/port';
import { codeCounts } from '../core/codebookOps';
import type { Study } from '../core/study';
import { isCounted } from '../core/counting';
import { renameCandidates } from '../core/renames';

export interface Io {
  out(text: string): void;
  err(text: string): void;
}

export async function openStudy(dir: string, io: Io): Promise<{ study: Study; store: StudyStore; problems: number }> {
  const { study, store, problems, reanchored, missing } = await StudyStore.open(new NodeFileSystem(path.resolve(dir)));
  for (const p of problems) {
    io.err(`${p.severity ?? 'problem'}: ${formatProblem(p)}`);
  }
  for (const r of reanchored) {
    io.err(`note: ${r.doc} changed since it was coded — ${r.moved} codings moved, ${r.fuzzy} found approximately, ${r.orphaned} orphaned`);
  }
  const renamed = missing.length > 0 ? renameCandidates(study, (doc) => store.text(doc)) : new Map<string, string>();
  for (const m of missing) {
    const to = renamed.get(m.doc);
    io.err(
      `note: transcript ${m.doc} is missing — its ${m.codings} codings are kept, but not counted until it is back` +
        (to !== undefined ? `; renamed to ${to}? codeboom mv "${m.doc}" "${to}" re-links them (run in the study folder)` : ''),
    );
  }
  return { study, store, problems: problems.length };
}

/** The study's numbers; orphaned codings (and those of a missing transcript) are counted apart (core/counting). */
export function statistics(study: Study): Record<string, unknown> {
  const all = [...study.allCodings()];
  const codings = all.filter((c) => isCounted(study, c));
  const perCoder: Record<string, number> = {};
  for (const c of codings) {
    perCoder[c.coder] = (perCoder[c.coder] ?? 0) + 1;
  }
  const depth = maxOf(
    study.codes.map((c) => study.depthOf(c.id) + 1),
    0,
  );
  const counts = codeCounts(study);
  return {
    name: study.name,
    transcripts: study.documents.length,
    cases: study.cases(),
    respondents: study.respondents().length,
    codes: study.codes.length,
    codebookDepth: depth,
    literatureFactors: study.catalogues.reduce((n, c) => n + c.categories.reduce((m, g) => m + g.factors.length, 0), 0),
    links: study.links.length,
    codings: codings.length,
    orphaned: all.length - codings.length,
    codingsPerCoder: perCoder,
    // One roll-up, not a subtree walk per code (quadratic on a deep codebook).
    unusedCodes: study.codes.filter((c) => counts.get(c.id)?.total === 0).map((c) => study.pathLabel(c.id)),
  };
}
