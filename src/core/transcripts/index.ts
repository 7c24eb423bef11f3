/**
 * Importing transcripts: a .docx, .txt, .md, .vtt or .srt file to a Markdown transcript of the
 * study. Pure: bytes in, a typed result out; the caller reads the source, asks the person for the
 * pseudonyms and attributes, picks a free name and writes through the file port. A Word document's
 * text comes from a reader the caller supplies (mammoth, which uses Node built-ins, runs outside the core).
 */
import { parseFrontMatter } from '../frontMatter';
import { maxOf } from '../port';
import { parseSrt, parseVtt } from './captions';
import { cuesToBlocks } from './cueTurns';
import { decodeSource, normalizeText } from './decode';
import { renderTranscript, transcriptFileName } from './render';
import { dateFromName, formatOf, inspectDocx } from './sniff';
import { countSpeakers } from './speakers';
import { textToBlocks } from './textBlocks';
import type { ConversionResult, ReadOptions, ReadResult, Refused, SourceTranscript, TranscriptFormat, TranscriptMeta } from './types';
import { DEFAULT_MAX_BYTES } from './types';

export type {
  Block,
  ConversionResult,
  Converted,
  Cue,
  DocxTextReader,
  ReadOptions,
  ReadResult,
  Refused,
  RefusalReason,
  SourceTranscript,
  SpeakerCount,
  TranscriptFormat,
  TranscriptMeta,
} from './types';
export { DEFAULT_MAX_BYTES } from './types';
export { parseSrt, parseVtt } from './captions';
export { cuesToBlocks } from './cueTurns';
export { textToBlocks } from './textBlocks';
export { isRole, matchLabel, suggestSpeakerLabels } from './speakers';
export { cleanSpeakerLabel, freeName, frontMatterOf, renderBlock, renderTranscript, speakerLabel, transcriptFileName } from './render';
export { parseClock, timeMarker } from './time';
export { dateFromName, extensionOf, formatOf } from './sniff';

/** The extensions an import offers (the open dialog, the Explorer menu). `.odt` is offered to be refused with its reason. */
export const IMPORT_EXTENSIONS: readonly string[] = ['docx', 'odt', 'txt', 'md', 'vtt', 'srt'];

function refused(reason: Refused['reason'], detail?: string): Refused {
  return { kind: 'refused', reason, ...(detail !== undefined ? { detail } : {}) };
}

/** Reads a source file into blocks and what it tells (date, duration, its own front matter), or refuses it. */
export async function readTranscript(name: string, bytes: Uint8Array, options: ReadOptions = {}): Promise<ReadResult> {
  const format = formatOf(name);
  if (typeof format !== 'string') {
    return format;
  }
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  if (bytes.length > maxBytes) {
    return refused('tooLarge', String(bytes.length));
  }
  if (bytes.length === 0) {
    return refused('empty');
  }
  let text: string;
  let date = dateFromName(name);
  if (format === 'docx') {
    const docx = inspectDocx(bytes, maxBytes);
    if (docx.refused) {
      return docx.refused;
    }
    if (!options.readDocx) {
      return refused('unsupported', '.docx');
    }
    try {
      text = await options.readDocx(bytes);
    } catch (e) {
      return refused('damaged', e instanceof Error ? e.message : String(e));
    }
    date ??= docx.date;
  } else {
    const decoded = decodeSource(bytes);
    if (typeof decoded !== 'string') {
      return decoded;
    }
    text = decoded;
  }
  text = normalizeText(text.replace(/^\uFEFF/, ''));
  return fromText(name, format, text, date);
}

function fromText(name: string, format: TranscriptFormat, text: string, date: string | undefined): SourceTranscript | Refused {
  let attributes: SourceTranscript['attributes'] = {};
  let body = text;
  let durationSeconds: number | undefined;
  let blocks;
  if (format === 'vtt' || format === 'srt') {
    const cues = format === 'vtt' ? parseVtt(text) : parseSrt(text);
    blocks = cuesToBlocks(cues);
    durationSeconds = cues.length ? maxOf(cues.map((c) => c.end)) : undefined;
  } else {
    if (format === 'md') {
      const fm = parseFrontMatter(text);
      attributes = fm.error ? {} : fm.attributes;
      body = text.slice(fm.bodyStart);
    }
    blocks = textToBlocks(body);
  }
  if (!blocks.some((b) => b.text.trim().length > 0)) {
    return refused('empty');
  }
  const hasHeading = blocks[0]?.kind === 'paragraph' && /^#\s/.test(blocks[0].text);
  return {
    kind: 'read',
    format,
    name,
    blocks,
    speakers: countSpeakers(blocks),
    ...(date !== undefined ? { date } : {}),
    ...(durationSeconds !== undefined ? { durationSeconds } : {}),
    attributes,
    hasHeading,
  };
}

/**
 * One file to a Markdown transcript in one call (for a CLI and tests): read, map the speakers, fill
 * the front matter. The file name is a proposal; the caller makes it free in the target folder.
 */
export async function convertTranscript(
  name: string,
  bytes: Uint8Array,
  options: ReadOptions & { readonly meta?: TranscriptMeta } = {},
): Promise<ConversionResult> {
  const source = await readTranscript(name, bytes, options);
  if (source.kind === 'refused') {
    return source;
  }
  const meta = options.meta ?? {};
  return { kind: 'converted', source, markdown: renderTranscript(source, meta), fileName: transcriptFileName(name, meta) };
}
