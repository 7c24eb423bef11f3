/**
 * Running text (a .txt, a .md body, a Word document's paragraphs) to blocks. Once the first speaker
 * label is met, every paragraph without a label continues the turn before it, so each turn is one
 * paragraph (the unit the speaker auto-coding codes); text before the first label, headings and
 * rules stay paragraphs of their own.
 */
import type { Block } from './types';
import { SpeakerRule } from './speakers';

interface OpenTurn {
  speaker: string;
  time?: number;
  parts: string[];
}

/** Lines that are Markdown structure, never part of a turn: headings, rules, fences, tables, quotes. */
function isStructure(line: string): boolean {
  return /^(#{1,6}\s|[-*_]{3,}\s*$|```|~~~|\||>)/.test(line.trim());
}

export function textToBlocks(text: string): Block[] {
  const lines = text.split('\n');
  const rule = new SpeakerRule(lines);
  const blocks: Block[] = [];
  let turn: OpenTurn | undefined;
  let paragraph: string[] = [];

  const closeParagraph = (): void => {
    if (paragraph.length) {
      blocks.push({ kind: 'paragraph', text: paragraph.join('\n') });
      paragraph = [];
    }
  };
  const closeTurn = (): void => {
    if (turn) {
      const text = turn.parts.join(' ').replace(/\s+/g, ' ').trim();
      blocks.push({ kind: 'turn', speaker: turn.speaker, ...(turn.time !== undefined ? { time: turn.time } : {}), text });
      turn = undefined;
    }
  };

  for (const line of lines) {
    if (line.trim() === '') {
      closeParagraph();
      continue;
    }
    const label = rule.speakerOf(line);
    if (label) {
      closeParagraph();
      closeTurn();
      turn = { speaker: label.label, ...(label.time !== undefined ? { time: label.time } : {}), parts: label.text ? [label.text] : [] };
    } else if (turn && !isStructure(line)) {
      turn.parts.push(line.trim());
    } else {
      closeTurn();
      paragraph.push(line);
    }
  }
  closeParagraph();
  closeTurn();
  return blocks;
}
