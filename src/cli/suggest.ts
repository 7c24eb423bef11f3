/**
 * `codeboom suggest`: the code suggestions of the study's own coding, on the command line.
 *   codeboom suggest <study> --evaluate [--json] [--level top|leaf]   (also: codeboom suggest evaluate <study>)
 *   codeboom suggest <study> --text "a passage" [--json] [--level top|leaf]
 */
import type { Options } from './args';
import { UsageError, onlyOptions, stringOption } from './args';
import type { Io } from './study';
import { openStudy } from './study';
import { evaluate, suggesterFor } from '../core/suggest';
import type { Evaluation, Scores, SuggestLevel } from '../core/suggest';

export const SUGGEST_USAGE = `codeboom suggest <study> --evaluate [--json] [--level top|leaf]
    leave-one-transcript-out: for each transcript, the engine learns from the other transcripts'
    codings and ranks the codes of each of its coded passages; hit@1, hit@3 and mean reciprocal rank
    next to two baselines of the same run: the most frequent code and a plain TF-IDF kNN (k = 15,
    no stemming). Without --level both levels (--json: leaf).
codeboom suggest <study> --text "passage" [--json] [--level top|leaf]
    the suggested codes for a passage, with their reasons`;

export async function suggestCommand(rest: readonly string[], options: Options, io: Io): Promise<number> {
  onlyOptions('suggest', options, ['evaluate', 'json', 'level', 'text']);
  const args = rest[0] === 'evaluate' ? rest.slice(1) : rest;
  const evaluating = rest[0] === 'evaluate' || options['evaluate'] === true;
  if (args.length > 1) {
    throw new UsageError(`suggest takes one study folder, not also "${args[1]}"`);
  }
  const levelOption = stringOption(options, 'level');
  if (levelOption !== undefined && levelOption !== 'top' && levelOption !== 'leaf') {
    throw new UsageError(`--level is top or leaf, not "${levelOption}"`);
  }
  const level: SuggestLevel | undefined = levelOption;
  const text = stringOption(options, 'text');
  if (evaluating === (text !== undefined)) {
    throw new UsageError(`suggest needs either --evaluate or --text\n\n${SUGGEST_USAGE}`);
  }
  const { study, problems } = await openStudy(args[0] ?? '.', io);
  if (text !== undefined) {
    const suggester = suggesterFor(study);
    await suggester.prepare();
    const found = suggester.suggest(text, { level: level ?? 'leaf', limit: 10 });
    if (options['json']) {
      io.out(
        JSON.stringify(
          found.map((s) => ({ code: study.pathLabel(s.code), confidence: s.confidence, reason: s.reason })),
          null,
          2,
        ),
      );
    } else {
      for (const s of found) {
        io.out(`${s.confidence.toFixed(2)}  ${study.pathLabel(s.code)}  — ${s.reason}`);
      }
    }
    return problems > 0 ? 1 : 0;
  }
  if (options['json']) {
    io.out(JSON.stringify(await evaluate(study, level ?? 'leaf')));
  } else {
    for (const l of level ? [level] : (['top', 'leaf'] as SuggestLevel[])) {
      io.out(evaluationTable(await evaluate(study, l)));
    }
  }
  return problems > 0 ? 1 : 0;
}

function evaluationTable(e: Evaluation): string {
  const pct = (x: number) => `${(x * 100).toFixed(1)}%`.padStart(7);
  const row = (name: string, s: Scores) => `${name.padEnd(24)}${pct(s.hit1)}${pct(s.hit3)}${s.mrr.toFixed(3).padStart(7)}`;
  return [
    `level ${e.level}: ${e.passages} coded passages, leave-one-transcript-out`,
    `${''.padEnd(24)}${'hit@1'.padStart(7)}${'hit@3'.padStart(7)}${'MRR'.padStart(7)}`,
    row('Codeboom suggestions', e),
    row('most frequent code', e.baselines.frequent),
    row('plain TF-IDF kNN (k=15)', e.baselines.knn),
    '',
  ].join('\n');
}
