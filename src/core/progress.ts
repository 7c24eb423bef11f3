/**
 * Coding progress, the supervisor's view of a team (issue 20): per transcript and coder, how many
 * respondent turns have at least one coding (the turns of "next uncoded answer", core/navigation),
 * how many codings, and when that coder's codings of the transcript last changed; and which
 * transcripts two or more coders coded (ready for an agreement check). Pure: the last change dates
 * come from the caller (git log, else the file's modification time).
 */
import * as l10n from '@vscode/l10n';
import { answers, isTurnCoded } from './navigation';
import { isCounted } from './counting';
import type { Study } from './study';
import type { Table } from './exports/tables';

export interface ProgressCell {
  readonly coder: string;
  /** Respondent turns with at least one (attached) coding of this coder. */
  readonly codedTurns: number;
  /** Codings of this coder on the transcript (counted ones: not orphaned). */
  readonly codings: number;
  /** When this coder's codings of the transcript last changed (ISO date), when known. */
  readonly lastChange?: string;
}

export interface ProgressRow {
  readonly doc: string;
  /** Respondent turns of the transcript (0 when its text is unknown or has no speaker labels). */
  readonly turns: number;
  /** One cell per coder of {@link Progress.coders}, in that order. */
  readonly cells: readonly ProgressCell[];
  /** The coders with at least one coding here; two or more: ready for an agreement check. */
  readonly coders: readonly string[];
}

export interface Progress {
  readonly coders: readonly string[];
  readonly rows: readonly ProgressRow[];
}

/** Whether two or more coders coded the transcript (an agreement check can compare them). */
export function agreementReady(row: ProgressRow): boolean {
  return row.coders.length >= 2;
}

/**
 * The progress of every transcript × coder. `text` gives a transcript's text; `lastChange` the date
 * of a coder's codings file of a transcript (undefined: unknown).
 */
export function codingProgress(
  study: Study,
  text: (doc: string) => string | undefined,
  lastChange: (doc: string, coder: string) => string | undefined = () => undefined,
): Progress {
  const coders = study.coders();
  const rows = study.documents.map((d): ProgressRow => {
    const t = text(d.path);
    const turns = t === undefined ? [] : answers(t, d.bodyStart);
    const byCoder = new Map<string, Array<{ start: number; end: number }>>();
    for (const c of study.codingsOf(d.path)) {
      if (isCounted(study, c)) {
        (byCoder.get(c.coder) ?? byCoder.set(c.coder, []).get(c.coder)!).push(c);
      }
    }
    const cells = coders.map((coder): ProgressCell => {
      const mine = byCoder.get(coder) ?? [];
      const date = mine.length > 0 ? lastChange(d.path, coder) : undefined;
      return {
        coder,
        codedTurns: turns.filter((turn) => isTurnCoded(turn, mine)).length,
        codings: mine.length,
        ...(date !== undefined ? { lastChange: date } : {}),
      };
    });
    return { doc: d.path, turns: turns.length, cells, coders: coders.filter((c) => byCoder.has(c)) };
  });
  return { coders, rows };
}

/** "12/30 (40 %)": coded turns of all turns. */
export function turnsText(cell: ProgressCell, turns: number): string {
  return turns === 0 ? `${cell.codedTurns}/0` : `${cell.codedTurns}/${turns} (${Math.round((cell.codedTurns / turns) * 100)} %)`;
}

/** The date part of an ISO date ("2026-11-30"), or "—". */
export function dayOf(iso: string | undefined): string {
  return iso === undefined ? '—' : iso.slice(0, 10);
}

/** The progress as one table (a row per transcript × coder who coded it or not), for Markdown and XLSX. */
export function progressTable(progress: Progress): Table {
  const rows = progress.rows.flatMap((r) =>
    r.cells.map((c) => [
      r.doc,
      c.coder,
      c.codedTurns,
      r.turns,
      r.turns === 0 ? 0 : Math.round((c.codedTurns / r.turns) * 1000) / 10,
      c.codings,
      dayOf(c.lastChange),
      agreementReady(r) && c.codings > 0 ? l10n.t('yes') : '',
    ]),
  );
  return {
    title: l10n.t('Coding progress'),
    caption: [
      l10n.t(
        'Respondent turns with at least one coding of the coder, of all respondent turns (a turn starts with a bold speaker label that is not the interviewer’s).',
      ),
    ],
    header: [
      l10n.t('Transcript'),
      l10n.t('Coder'),
      l10n.t('Coded turns'),
      l10n.t('Turns'),
      l10n.t('% coded'),
      l10n.t('Codings'),
      l10n.t('Last change'),
      l10n.t('Ready for agreement check'),
    ],
    rows,
  };
}

/** The arguments of `git log` (run in the study folder) whose output {@link lastChangesOfLog} reads. */
export const LAST_CHANGE_LOG_ARGS: readonly string[] = [
  '--format=%x1e%aI',
  '--name-only',
  '--relative',
  '--no-renames',
  '--',
  '.codeboom/codings',
];

/** The date of the newest commit that changed each codings file (study-relative path → ISO date). */
export function lastChangesOfLog(log: string): Map<string, string> {
  const out = new Map<string, string>();
  for (const chunk of log.split('\x1e')) {
    const [date, ...files] = chunk.split('\n').map((l) => l.replace(/\r$/, ''));
    for (const f of files) {
      if (f !== '' && !out.has(f)) {
        out.set(f, date.trim());
      }
    }
  }
  return out;
}
