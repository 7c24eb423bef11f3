/**
 * What the pseudonym check reads: every text of a study where a respondent's name could be (the
 * transcripts, the codings' quotes, contexts and memos, the codebook's definitions and memos, the
 * memo files), and the texts inside an export or archive (a REFI .qdpx, a .docx, an .xlsx: zips of
 * XML; any other file as UTF-8 text).
 */
import type { Code, Coding } from '../model';
import { decodeText } from '../port';
import type { FileSystemPort } from '../port';
import { readMemoFiles } from '../refi/exportProject';
import { ZipReader, looksLikeZip } from '../refi/zip';
import type { TranscriptText } from './plan';

/** What the check reads of a study (a `Study` fits). */
export interface StudyTextSource {
  readonly codes: readonly Code[];
  allCodings(): Iterable<Coding>;
}

/** A memo file: its path inside `.codeboom/memos/`. */
export interface MemoText {
  readonly path: string;
  readonly text: string;
}

/** Every text of the study, each named so that a person finds it (the transcript, the coding, the code). */
export function studyTexts(study: StudyTextSource, transcripts: readonly TranscriptText[], memos: readonly MemoText[]): TranscriptText[] {
  const out: TranscriptText[] = [...transcripts];
  for (const c of study.allCodings()) {
    out.push({ path: `${c.doc} (coding ${c.id}: quote and context)`, text: `${c.prefix}\u0000${c.quote}\u0000${c.suffix}` });
    if (c.memo) {
      out.push({ path: `${c.doc} (coding ${c.id}: memo)`, text: c.memo });
    }
  }
  for (const code of study.codes) {
    for (const key of ['definition', 'memo'] as const) {
      const value = code[key];
      if (value) {
        out.push({ path: `codeboom.json (code ${code.id}: ${key})`, text: value });
      }
    }
  }
  for (const m of memos) {
    out.push({ path: `.codeboom/memos/${m.path}`, text: m.text });
  }
  return out;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

/**
 * The text of XML: a tag becomes the values of its attributes (a code's name, a source's name)
 * between spaces, and entities are read. Word's runs of one paragraph are joined without a space.
 */
export function xmlText(xml: string): string {
  return xml
    .replace(/<\/w:p>|<w:br\/>|<w:tab\/>/g, '\n')
    .replace(/<[^>]*>/g, (tag) => {
      if (tag.startsWith('<w:') || tag.startsWith('</w:')) {
        return '';
      }
      const values = [...tag.matchAll(/="([^"]*)"/g)].map((m) => m[1]);
      return values.length > 0 ? ` ${values.join(' ')} ` : ' ';
    })
    .replace(/&(#x[0-9a-fA-F]+|#\d+|[a-z]+);/g, (all, name: string) => {
      if (name.startsWith('#x')) {
        return String.fromCodePoint(parseInt(name.slice(2), 16));
      }
      if (name.startsWith('#')) {
        return String.fromCodePoint(parseInt(name.slice(1), 10));
      }
      return ENTITIES[name] ?? all;
    });
}

/**
 * The texts in a file: a zip's text entries (XML read as text, attributes included), else the file
 * as UTF-8. Entries that are not text (images, audio) are skipped: they are named in `skipped`.
 */
export function fileTexts(name: string, bytes: Uint8Array): { texts: TranscriptText[]; skipped: string[] } {
  const texts: TranscriptText[] = [];
  const skipped: string[] = [];
  if (!looksLikeZip(bytes)) {
    try {
      texts.push({ path: name, text: decodeText(bytes, name) });
    } catch {
      skipped.push(name);
    }
    return { texts, skipped };
  }
  const zip = new ZipReader(bytes);
  for (const entry of zip.files) {
    const label = `${name}: ${entry.name}`;
    let text: string;
    try {
      text = decodeText(zip.read(entry), label);
    } catch {
      skipped.push(label);
      continue;
    }
    if (/\.(xml|qde|rels)$/i.test(entry.name)) {
      // Attribute values stay (a code's name, a source's name), between spaces.
      texts.push({ path: label, text: xmlText(text) });
    } else {
      texts.push({ path: label, text });
    }
  }
  return { texts, skipped };
}

/** What {@link openStudyTexts} reads: the open study and its store (its transcripts' text and memo files). */
export interface OpenStudyTexts {
  readonly study: StudyTextSource & { readonly documents: readonly { readonly path: string }[] };
  readonly store: { readonly fs: FileSystemPort; text(path: string): string | undefined };
}

/** Every text of an open study the pseudonym check reads: transcripts, codings, codebook and memo files. */
export async function openStudyTexts({ study, store }: OpenStudyTexts): Promise<TranscriptText[]> {
  const transcripts = study.documents.flatMap((d) => {
    const text = store.text(d.path);
    return text === undefined ? [] : [{ path: d.path, text }];
  });
  return studyTexts(study, transcripts, await readMemoFiles(store.fs));
}
