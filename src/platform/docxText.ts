/**
 * A Word document's text through mammoth. mammoth's Node build imports fs, os and path (for reading
 * by path and linked images), so it runs here, outside the core, which gets only its text
 * (`DocxTextReader`). No VS Code here either: a CLI can pass the same reader. The bundle loads
 * mammoth lazily (dist/mammoth.js, scripts/build.mjs) on the first .docx.
 */
import type { DocxTextReader } from '../core/transcripts';

export const readDocxWithMammoth: DocxTextReader = async (bytes) => {
  const mammoth = (await import('mammoth')).default;
  // mammoth's "buffer" (Node build) and "arrayBuffer" (browser build) inputs both go to JSZip, which reads
  // any Uint8Array; its own warnings (unknown styles) do not matter for text.
  const input = { buffer: bytes as Buffer, arrayBuffer: bytes as unknown as ArrayBuffer };
  const result = await mammoth.extractRawText(input);
  return result.value;
};
