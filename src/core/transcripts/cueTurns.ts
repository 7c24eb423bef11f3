/**
 * Cues to blocks: consecutive cues of one speaker become one turn (a cue without a speaker continues
 * the turn before it), each turn keeping the start of its first cue. Captions without any speaker
 * (Whisper) become paragraphs, broken at a pause or after a long stretch that ends a sentence.
 * Nothing is dropped or reordered: the blocks' words are the cues' words, in order.
 */
import type { Block, Cue } from './types';

/** A pause of this many seconds or more starts a new paragraph in captions without speakers. */
const PAUSE_SECONDS = 2.5;
/** After this many characters a paragraph without speakers ends at the next sentence end. */
const PARAGRAPH_CHARS = 600;

export function cuesToBlocks(cues: readonly Cue[]): Block[] {
  if (cues.some((c) => c.speaker !== undefined)) {
    return turns(cues);
  }
  return paragraphs(cues);
}

function turns(cues: readonly Cue[]): Block[] {
  const blocks: Block[] = [];
  let current: { speaker?: string; time: number; parts: string[] } | undefined;
  const close = (): void => {
    if (current) {
      const text = current.parts.join(' ');
      blocks.push(
        current.speaker !== undefined
          ? { kind: 'turn', speaker: current.speaker, time: current.time, text }
          : { kind: 'paragraph', time: current.time, text },
      );
    }
  };
  for (const cue of cues) {
    if (current && (cue.speaker === undefined || cue.speaker === current.speaker)) {
      current.parts.push(cue.text);
      continue;
    }
    close();
    current = { ...(cue.speaker !== undefined ? { speaker: cue.speaker } : {}), time: cue.start, parts: [cue.text] };
  }
  close();
  return blocks;
}

function paragraphs(cues: readonly Cue[]): Block[] {
  const blocks: Block[] = [];
  let current: { time: number; end: number; parts: string[]; length: number } | undefined;
  for (const cue of cues) {
    const last = current?.parts[current.parts.length - 1] ?? '';
    const breakHere =
      current !== undefined &&
      (cue.start - current.end >= PAUSE_SECONDS || (current.length >= PARAGRAPH_CHARS && /[.!?…]["'”’)]*$/.test(last)));
    if (current && !breakHere) {
      current.parts.push(cue.text);
      current.length += cue.text.length + 1;
      current.end = Math.max(current.end, cue.end);
      continue;
    }
    if (current) {
      blocks.push({ kind: 'paragraph', time: current.time, text: current.parts.join(' ') });
    }
    current = { time: cue.start, end: cue.end, parts: [cue.text], length: cue.text.length };
  }
  if (current) {
    blocks.push({ kind: 'paragraph', time: current.time, text: current.parts.join(' ') });
  }
  return blocks;
}
