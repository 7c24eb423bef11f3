/**
 * A read source to the Markdown transcript: YAML front matter (the source's own, then what the file
 * tells, then the person's values), a `# title`, and one paragraph per block. Speakers are written
 * under their pseudonym, `**Respondent A:** [00:12:34] text`.
 */
import { stringify } from 'yaml';
import type { AttributeValue } from '../model';
import { DEFAULT_ATTRIBUTE_KEYS } from '../model';
import type { Block, SourceTranscript, TranscriptMeta } from './types';
import { timeMarker } from './time';

/** What a label may hold: the speaker auto-coding reads `**Label:**` with 1–80 characters and no `*` or line break. */
export function cleanSpeakerLabel(label: string): string {
  return label
    .replace(/[*:\n\r]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim()
    .slice(0, 80)
    .trim();
}

/** The label a raw speaker is written under: its mapping (if it leaves a label), else the raw name. */
export function speakerLabel(raw: string, map: Readonly<Record<string, string>> | undefined): string {
  const mapped = map && Object.prototype.hasOwnProperty.call(map, raw) ? cleanSpeakerLabel(map[raw]) : '';
  return mapped || cleanSpeakerLabel(raw) || '?';
}

export function renderBlock(block: Block, map?: Readonly<Record<string, string>>): string {
  const marker = block.time !== undefined ? `${timeMarker(block.time)} ` : '';
  if (block.kind === 'turn') {
    return `**${speakerLabel(block.speaker, map)}:** ${marker}${block.text}`.trimEnd();
  }
  return `${marker}${block.text}`;
}

/** The front matter attributes, in a stable order: title, case, respondent, interview, date, duration, then the source's others. */
export function frontMatterOf(source: SourceTranscript, meta: TranscriptMeta): Record<string, AttributeValue> {
  const keys = meta.keys ?? DEFAULT_ATTRIBUTE_KEYS;
  const out: Record<string, AttributeValue> = {};
  const set = (key: string, value: AttributeValue | undefined): void => {
    if (value !== undefined && value !== '') {
      out[key] = value;
    }
  };
  set('title', meta.title ?? source.attributes['title']);
  set(keys.case, meta.case ?? source.attributes[keys.case]);
  set(keys.respondent, meta.respondent ?? source.attributes[keys.respondent]);
  const interview = meta.interview ?? source.attributes[keys.interview];
  set(keys.interview, typeof interview === 'string' && /^\d+$/.test(interview.trim()) ? Number(interview) : interview);
  set('date', meta.date ?? source.attributes['date'] ?? source.date);
  set(
    'duration_minutes',
    source.attributes['duration_minutes'] ??
      (source.durationSeconds !== undefined ? Math.max(1, Math.round(source.durationSeconds / 60)) : undefined),
  );
  for (const [key, value] of Object.entries(source.attributes)) {
    if (!(key in out)) {
      out[key] = value;
    }
  }
  return out;
}

export function renderTranscript(source: SourceTranscript, meta: TranscriptMeta, options: { maxBlocks?: number } = {}): string {
  const attributes = frontMatterOf(source, meta);
  const parts: string[] = [];
  if (Object.keys(attributes).length) {
    parts.push(`---\n${stringify(attributes, { lineWidth: 0 }).trimEnd()}\n---`);
  }
  const title = attributes['title'];
  if (typeof title === 'string' && !source.hasHeading) {
    parts.push(`# ${title.replace(/\s+/g, ' ')}`);
  }
  const blocks = options.maxBlocks !== undefined ? source.blocks.slice(0, options.maxBlocks) : source.blocks;
  for (const b of blocks) {
    parts.push(renderBlock(b, meta.speakers));
  }
  return `${parts.join('\n\n')}\n`;
}

/** Characters a file name on Windows, macOS or Linux cannot hold, and control characters. */
// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f<>:"/\\|?*]+/g;

/**
 * A file name for the transcript: `<respondent>-<interview>.md` when the respondent is known (so a
 * real name in the source's file name does not travel into the study), else the source's base name.
 */
export function transcriptFileName(sourceName: string, meta: TranscriptMeta): string {
  const base = sourceName.slice(sourceName.lastIndexOf('/') + 1).replace(/\.[^.]*$/, '');
  const stem =
    meta.respondent !== undefined && meta.respondent.trim() !== ''
      ? [meta.respondent, meta.interview].filter((p) => p !== undefined && String(p).trim() !== '').join('-')
      : base;
  const safe = stem
    .replace(UNSAFE, '-')
    .replace(/^[.\s-]+|[.\s]+$/g, '')
    .slice(0, 100);
  return `${safe || 'transcript'}.md`;
}

/** `name`, else `name-2`, `name-3`, … : the first that `taken` does not hold (compare case-insensitively). */
export function freeName(name: string, taken: (candidate: string) => boolean): string {
  if (!taken(name)) {
    return name;
  }
  const dot = name.lastIndexOf('.');
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const ext = dot > 0 ? name.slice(dot) : '';
  for (let i = 2; ; i++) {
    const candidate = `${stem}-${i}${ext}`;
    if (!taken(candidate)) {
      return candidate;
    }
  }
}
