/**
 * Working through a transcript: where the next or previous coding starts, and the next answer of a
 * respondent that has no coding yet. Pure: the glue (src/coding/navigation.ts) moves the cursor.
 */
import type { SpeakerTurn } from './autocode';
import { speakerTurns } from './autocode';
import { foldText } from './ids';

/** What navigation needs of a coding. */
export interface Span {
  readonly start: number;
  readonly end: number;
  readonly orphaned?: boolean;
}

/** Where to go, and whether the search went past the end (or the start) of the transcript to get there. */
export interface Target {
  readonly start: number;
  readonly end: number;
  readonly wrapped: boolean;
}

/**
 * The coding that starts first after `offset` (direction 1) or last before it (direction -1),
 * wrapping round the transcript; undefined when there is no attached coding. Codings that start at
 * the same offset are one stop (the longest is the target).
 */
export function nextCoding(codings: readonly Span[], offset: number, direction: 1 | -1): Target | undefined {
  const live = codings.filter((c) => !c.orphaned);
  if (live.length === 0) {
    return undefined;
  }
  const byStart = new Map<number, number>();
  for (const c of live) {
    byStart.set(c.start, Math.max(byStart.get(c.start) ?? c.end, c.end));
  }
  const starts = [...byStart.keys()].sort((a, b) => a - b);
  let at: number | undefined;
  let wrapped = false;
  if (direction === 1) {
    at = starts.find((s) => s > offset);
    if (at === undefined) {
      at = starts[0];
      wrapped = true;
    }
  } else {
    for (const s of starts) {
      if (s < offset) {
        at = s;
      }
    }
    if (at === undefined) {
      at = starts[starts.length - 1];
      wrapped = true;
    }
  }
  return { start: at, end: byStart.get(at)!, wrapped };
}

/**
 * Speakers who ask rather than answer: interviewer (also numbered, "Interviewer 2"), interviewster,
 * onderzoeker, researcher, moderator, and the one-letter labels I / Q / V.
 */
const INTERVIEWER = /^(?:interviewer|interviewster|onderzoeker|researcher|moderator|vraagsteller|vraag|question|[iqv])(?:[\s\d.-].*)?$/;

export function isInterviewer(speaker: string): boolean {
  return INTERVIEWER.test(foldText(speaker.trim()));
}

/** The respondents' turns of a transcript: every speaker turn that is not the interviewer's and says something. */
export function answers(text: string, bodyStart = 0): SpeakerTurn[] {
  return speakerTurns(text, bodyStart).filter((t) => !isInterviewer(t.speaker) && text.slice(t.start, t.end).trim() !== '');
}

/** Whether any attached coding shares a character with the turn (the rule of "next uncoded answer" and of coding progress). */
export function isTurnCoded(turn: Pick<SpeakerTurn, 'start' | 'end'>, sorted: readonly Span[]): boolean {
  return sorted.some((c) => c.start < turn.end && c.end > turn.start);
}

/**
 * The first answer after `offset` (one that starts after it) without any attached coding, wrapping
 * round; undefined when every answer is coded.
 */
export function nextUncodedAnswer(turns: readonly SpeakerTurn[], codings: readonly Span[], offset: number): Target | undefined {
  const live = codings.filter((c) => !c.orphaned);
  const open = turns.filter((t) => !isTurnCoded(t, live));
  if (open.length === 0) {
    return undefined;
  }
  const after = open.find((t) => t.start > offset);
  const t = after ?? open[0];
  return { start: t.start, end: t.end, wrapped: after === undefined };
}
