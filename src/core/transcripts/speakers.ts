/**
 * Speaker labels in running text: `Interviewer: …`, `I: …`, `**R:** …`, `Respondent A (00:01:02): …`,
 * a line that is only `Spreker 1 [00:00:05]` (transcription services), or a `Name:` in a caption cue.
 * A label counts when it is a known role, is written in the study's turn form `**Label:**`, or starts
 * two lines or more: a single `Datum:` or `Note:` is text, not a speaker.
 */
import { parseClock } from './time';

function clock(text: string | undefined): number | undefined {
  const t = text === undefined ? NaN : parseClock(text);
  return Number.isFinite(t) ? t : undefined;
}

/** Roles that name a speaker even once (Dutch and English, with numbers or letters). */
const ROLE =
  /^(?:interviewer|interviewee|interviewster|interviewers?\s*\d+|respondent(?:\s+[\p{L}\p{N}]{1,3})?|ge[ïi]nterviewde(?:\s+[\p{L}\p{N}]{1,3})?|deelnemer(?:\s*[\p{L}\p{N}]{1,3})?|participant(?:\s*[\p{L}\p{N}]{1,3})?|spreker\s*\d+|speaker\s*\d+|moderator|onderzoeker|researcher|i|r|p\d{0,2}|int|resp)$/iu;

const CLOCK = String.raw`\d{1,2}:\d{2}(?::\d{2})?(?:[.,]\d{1,3})?`;
/** `[00:01:02] ` or `00:01:02 ` before a label. */
const LEADING_TIME = new RegExp(String.raw`^[[(]?(${CLOCK})[\])]?\s+`);
/** A label: 1–4 words of letters, digits and a few marks, at most 40 characters. */
const NAME = String.raw`[\p{L}\p{N}][\p{L}\p{N}.'’&-]*(?: [\p{L}\p{N}.'’&()-]+){0,3}`;
/** `Label:` / `**Label:**` / `**Label**:` / `Label (00:01):` followed by the text. */
const COLON_LABEL = new RegExp(
  String.raw`^(?:\*\*)?(${NAME})(?:\*\*)?\s*(?:[[(](${CLOCK})[\])])?\s*(?:\*\*)?:(?:\*\*)?(?:[ \t]+|$)(.*)$`,
  'u',
);
/** A line with only a label and a time: `Spreker 1 [00:00:05]`, `Speaker 2  0:05`, `**Interviewer** 00:01:02`. */
const LABEL_LINE = new RegExp(String.raw`^(?:\*\*)?(${NAME})(?:\*\*)?:?\s+[[(]?(${CLOCK})[\])]?$`, 'u');
/** A line with only a label (a known role): `Spreker 1`, `Interviewer:`. */
const BARE_LABEL = new RegExp(String.raw`^(?:\*\*)?(${NAME})(?:\*\*)?:?(?:\*\*)?$`, 'u');

export interface LabelMatch {
  readonly label: string;
  readonly time?: number;
  /** The text after the label on the same line ('' for a label on its own line). */
  readonly text: string;
  /** Written in the study's own turn form, `**Label:**`: a speaker even once. */
  readonly bold?: boolean;
}

export function isRole(label: string): boolean {
  return ROLE.test(label.trim());
}

function cleanLabel(label: string): string | undefined {
  const l = label.replace(/\s+/g, ' ').trim();
  return l.length > 0 && l.length <= 40 && !/^\d+([.,]\d+)?$/.test(l) && !/^https?$/i.test(l) ? l : undefined;
}

/** A label at the start of a line, if the line has that shape (whether it is a speaker is decided by {@link SpeakerRule}). */
export function matchLabel(line: string): LabelMatch | undefined {
  let rest = line.trim();
  let time: number | undefined;
  const lead = LEADING_TIME.exec(rest);
  if (lead) {
    time = clock(lead[1]);
    rest = rest.slice(lead[0].length);
  }
  const colon = COLON_LABEL.exec(rest);
  if (colon) {
    const label = cleanLabel(colon[1]);
    if (label) {
      const bold = /^\*\*[^*]+:\*\*/.test(rest);
      return { label, time: clock(colon[2]) ?? time, text: colon[3].trim(), ...(bold ? { bold } : {}) };
    }
  }
  const timed = LABEL_LINE.exec(rest);
  if (timed) {
    const label = cleanLabel(timed[1]);
    if (label) {
      return { label, time: clock(timed[2]) ?? time, text: '' };
    }
  }
  const bare = BARE_LABEL.exec(rest);
  if (bare) {
    const label = cleanLabel(bare[1]);
    if (label && isRole(label)) {
      return { label, time, text: '' };
    }
  }
  return undefined;
}

/** Which labels of a text are speakers: a known role, or a label that starts two lines or more. */
export class SpeakerRule {
  private readonly counts = new Map<string, number>();

  constructor(lines: Iterable<string>) {
    for (const line of lines) {
      const m = matchLabel(line);
      if (m) {
        this.counts.set(m.label, (this.counts.get(m.label) ?? 0) + 1);
      }
    }
  }

  /** The line's label, when it is a speaker. */
  speakerOf(line: string): LabelMatch | undefined {
    const m = matchLabel(line);
    if (!m) {
      return undefined;
    }
    if (m.bold || isRole(m.label) || (this.counts.get(m.label) ?? 0) >= 2) {
      return m;
    }
    return undefined;
  }
}

/** Speakers in order of first appearance, with their number of turns. */
export function countSpeakers(blocks: ReadonlyArray<{ kind: string; speaker?: string }>): Array<{ name: string; turns: number }> {
  const counts = new Map<string, number>();
  for (const b of blocks) {
    if (b.kind === 'turn' && b.speaker !== undefined) {
      counts.set(b.speaker, (counts.get(b.speaker) ?? 0) + 1);
    }
  }
  return [...counts.entries()].map(([name, turns]) => ({ name, turns }));
}

/**
 * A first proposal of the label each raw speaker is written under (the person confirms it): roles
 * stay (`I` → `Interviewer`, `R` → the respondent), two names are the interviewer (who speaks first)
 * and the respondent, any other name becomes `numbered(n)` ("Speaker 1"): a real name is never proposed.
 */
export function suggestSpeakerLabels(
  speakers: readonly { name: string }[],
  respondent: string | undefined,
  numbered: (n: number) => string,
): Record<string, string> {
  const out: Record<string, string> = {};
  const names = speakers.filter((s) => !isRole(s.name));
  const respondentLabel = respondent?.trim() || 'Respondent';
  for (const s of speakers) {
    if (/^i$/i.test(s.name)) {
      out[s.name] = 'Interviewer';
    } else if (/^r$/i.test(s.name)) {
      out[s.name] = respondentLabel;
    } else if (isRole(s.name)) {
      out[s.name] = s.name;
    }
  }
  if (names.length === 2 && !speakers.some((s) => /^(i|interviewer)$/i.test(s.name))) {
    out[names[0].name] = 'Interviewer';
    out[names[1].name] = respondentLabel;
  } else {
    names.forEach((s, i) => (out[s.name] = numbered(i + 1)));
  }
  return out;
}
