/**
 * Caption files to cues: WebVTT (Teams, Zoom, Whisper) and SubRip (.srt). Teams names the speaker in
 * a voice tag, `<v Jan de Vries>…</v>`; Zoom and others start the text with `Name:`. Styling tags
 * (`<i>`, `<c.x>`, `<00:00:01.000>`) and entities are taken out; NOTE, STYLE and REGION blocks skipped.
 */
import type { Cue } from './types';
import { parseClock } from './time';
import { SpeakerRule } from './speakers';

const TIMING = /^\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})\s*-->\s*((?:\d{1,3}:)?\d{1,2}:\d{2}[.,]\d{1,3})/;

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', lrm: '', rlm: '' };

function decodeEntities(text: string): string {
  return text.replace(/&(#x[0-9a-f]+|#\d+|[a-z]+);/gi, (whole, name: string) => {
    if (name[0] === '#') {
      const code = name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : parseInt(name.slice(1), 10);
      return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : whole;
    }
    return ENTITIES[name.toLowerCase()] ?? whole;
  });
}

/** A cue's payload split at voice tags: each piece with the speaker its `<v>` names (if any). */
function voices(payload: string): Array<{ speaker?: string; text: string }> {
  const out: Array<{ speaker?: string; text: string }> = [];
  const re = /<v(?:\.[^\s>]*)?\s+([^>]*)>/g;
  let last = 0;
  let speaker: string | undefined;
  for (const m of payload.matchAll(re)) {
    out.push({ ...(speaker !== undefined ? { speaker } : {}), text: payload.slice(last, m.index) });
    speaker = m[1].trim() || undefined;
    last = m.index + m[0].length;
  }
  out.push({ ...(speaker !== undefined ? { speaker } : {}), text: payload.slice(last) });
  return out.map((p) => ({ ...p, text: cleanText(p.text) })).filter((p) => p.text.length > 0);
}

function cleanText(text: string): string {
  return decodeEntities(text.replace(/<[^>]*>/g, ''))
    .replace(/\s+/g, ' ')
    .trim();
}

/** Blocks of lines separated by blank lines. */
function chunks(text: string): string[][] {
  return text
    .split(/\n[ \t]*\n/)
    .map((b) => b.split('\n').filter((l) => l.trim() !== ''))
    .filter((b) => b.length > 0);
}

function timedCues(blocks: string[][], skip: (first: string) => boolean): Array<Omit<Cue, 'text'> & { payload: string }> {
  const out: Array<Omit<Cue, 'text'> & { payload: string }> = [];
  for (const block of blocks) {
    if (skip(block[0])) {
      continue;
    }
    const at = block.findIndex((l) => TIMING.test(l));
    if (at < 0 || at > 1) {
      continue;
    }
    const m = TIMING.exec(block[at])!;
    const start = parseClock(m[1]);
    const end = parseClock(m[2]);
    if (!Number.isFinite(start) || !Number.isFinite(end)) {
      continue;
    }
    out.push({ start, end: Math.max(start, end), payload: block.slice(at + 1).join('\n') });
  }
  return out;
}

/** Speakers named by `Name: text` in the cues (Zoom), kept only under the same rule as in running text. */
function withLabelSpeakers(cues: Cue[]): Cue[] {
  const unnamed = cues.filter((c) => c.speaker === undefined);
  if (unnamed.length === 0) {
    return cues;
  }
  const rule = new SpeakerRule(unnamed.map((c) => c.text));
  return cues.map((c) => {
    if (c.speaker !== undefined) {
      return c;
    }
    const m = rule.speakerOf(c.text);
    return m && m.text ? { ...c, speaker: m.label, text: m.text } : c;
  });
}

function toCues(timed: Array<Omit<Cue, 'text'> & { payload: string }>): Cue[] {
  const cues: Cue[] = [];
  for (const t of timed) {
    for (const v of voices(t.payload)) {
      cues.push({ start: t.start, end: t.end, ...(v.speaker !== undefined ? { speaker: v.speaker } : {}), text: v.text });
    }
  }
  return withLabelSpeakers(cues);
}

/** The cues of a WebVTT file (text with LF line ends, without BOM). */
export function parseVtt(text: string): Cue[] {
  const blocks = chunks(text);
  if (blocks[0] && /^WEBVTT/.test(blocks[0][0]) && !blocks[0].some((l) => TIMING.test(l))) {
    blocks.shift();
  } else if (blocks[0] && /^WEBVTT/.test(blocks[0][0])) {
    blocks[0] = blocks[0].slice(1);
  }
  return toCues(timedCues(blocks, (first) => /^(NOTE|STYLE|REGION)\b/.test(first)));
}

/** The cues of a SubRip file (text with LF line ends, without BOM). */
export function parseSrt(text: string): Cue[] {
  return toCues(timedCues(chunks(text), () => false));
}
