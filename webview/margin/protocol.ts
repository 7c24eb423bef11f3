/**
 * The coding margin's messages, both directions, in one place. Free of VS Code and DOM imports so
 * that the extension (Node) and the webview (browser) both compile it. Every message is parsed with
 * zod where it arrives: the extension parses the webview's ({@link MarginWebviewMessageSchema}), the
 * webview the extension's ({@link MarginHostMessageSchema}). The layout (columns) is the core's
 * (src/core/margin.ts); the webview only draws it. The schemas use `zod/mini`, whose functions the
 * bundler tree-shakes, so the webview's bundle stays small.
 */
import * as z from 'zod/mini';

const id = z.string().check(z.maxLength(4096));
const line = z.int().check(z.minimum(0), z.maximum(10_000_000));
/** A scroll position in lines; fractional while a line is half scrolled past. */
const scrollLine = z.number().check(z.minimum(0), z.maximum(10_000_000));
const color = z.string().check(z.regex(/^#[0-9a-fA-F]{3,8}$/));
const count = z.int().check(z.minimum(0), z.maximum(10_000));
const text = (max: number) => z.string().check(z.maxLength(max));

// ---------- webview → extension ----------

export const MarginWebviewMessageSchema = z.discriminatedUnion('type', [
  /** The script runs and listens: the extension may post now. */
  z.object({ type: z.literal('ready') }),
  /** A bracket was clicked: select its coding's text in the editor. */
  z.object({ type: z.literal('select'), coding: id }),
  /**
   * How many rows (editor lines of the default height) the margin shows, and how wide it is in
   * pixels: on start and whenever its size changes (a sign that the editor beside it was resized).
   */
  z.object({
    type: z.literal('viewport'),
    rows: z.number().check(z.minimum(0), z.maximum(100_000)),
    width: z.optional(z.number().check(z.minimum(0), z.maximum(1_000_000))),
  }),
  /** The user scrolled the margin: the editor follows to this top line. */
  z.object({ type: z.literal('scroll'), line: scrollLine }),
]);

export type MarginWebviewMessage = z.infer<typeof MarginWebviewMessageSchema>;

// ---------- extension → webview ----------

export const MarginBracketSchema = z.object({
  coding: id,
  startLine: line,
  endLine: line,
  column: count,
  /**
   * Where the passage starts and ends inside wrapped lines, as fractional lines (line + the share of
   * its rows above the passage's first row; the bottom of its last row): the bracket spans the rows of
   * the passage, not its whole paragraph. Without them, the whole lines.
   */
  top: z.optional(scrollLine),
  bottom: z.optional(scrollLine),
  /** The code name, or the first and how many more ("mandaat +2"). */
  label: text(2000),
  /** Every code's path, for the tooltip. */
  title: text(20_000),
  color,
});

export const MarginStringsSchema = z.object({
  title: text(500),
  empty: text(2000),
  noTranscript: text(2000),
  bracketLabel: text(500),
});

export const MarginHostMessageSchema = z.discriminatedUnion('type', [
  z.object({
    type: z.literal('model'),
    /** The transcript's path in the study. */
    doc: id,
    lineCount: line,
    /**
     * Rows each line takes in the editor (long lines wrap), estimated by the extension: the margin
     * gives each line that height, so a bracket is as tall as its passage. One entry per line.
     */
    rows: z.array(z.int().check(z.minimum(1), z.maximum(100_000))).check(z.maxLength(10_000_000)),
    columns: count,
    brackets: z.array(MarginBracketSchema).check(z.maxLength(1_000_000)),
    /** Pixels between the editor's top and its first row of text (the breadcrumbs bar), which the margin leaves free so its rows stand beside the editor's. */
    inset: z.optional(z.int().check(z.minimum(0), z.maximum(200))),
    /** The editor's top line now, so the margin starts where the text is. */
    top: scrollLine,
    /** The characters per row the margin laid the lines out at (undefined: the editor does not wrap). */
    wrap: z.optional(z.int().check(z.minimum(1), z.maximum(1_000_000))),
    strings: MarginStringsSchema,
  }),
  /** No transcript to follow (or no study): the margin says so. */
  z.object({ type: z.literal('noTranscript'), strings: MarginStringsSchema }),
  /** The editor scrolled: the margin follows to this top line. */
  z.object({ type: z.literal('scroll'), line: scrollLine }),
]);

export type MarginHostMessage = z.infer<typeof MarginHostMessageSchema>;
export type MarginModel = Extract<MarginHostMessage, { type: 'model' }>;
export type MarginBracketView = z.infer<typeof MarginBracketSchema>;
export type MarginStrings = z.infer<typeof MarginStringsSchema>;
