/**
 * The arguments of a command (from a script, a test, a `command:` link or a menu), checked with zod:
 * one reading of a file argument for every command that takes one.
 */
import * as vscode from 'vscode';
import { z } from 'zod';

/** A Uri's JSON form (a Uri passed through a message or `JSON.parse`). */
const UriComponentsSchema = z.looseObject({
  scheme: z.string().min(1),
  path: z.string(),
  authority: z.string().optional(),
  query: z.string().optional(),
  fragment: z.string().optional(),
});

/** A file argument: a Uri, its JSON form, a URI string (`file:///…`), an absolute path or a path relative to the study. */
export const PathArgSchema = z.union([z.custom<vscode.Uri>((v) => v instanceof vscode.Uri), UriComponentsSchema, z.string().min(1)]);

/** `file://…`, `vscode-remote://…`, `untitled:…`: a scheme of two or more letters (not a Windows drive `C:`). */
const URI_STRING = /^[a-z][a-z0-9+.-]+:/i;
/** `/home/…`, `C:\…`, `C:/…`, `\\server\…`. */
const ABSOLUTE_PATH = /^(\/|[a-z]:[\\/]|\\\\)/i;

/**
 * The file a command argument names, or undefined when it names none: a Uri as it is, its JSON
 * form revived, a URI string parsed, an absolute path as a local file (on the study's file system
 * when `root` is not a local folder), a relative path inside `root` (the study folder; without one, as a local file).
 */
export function uriArg(value: unknown, root?: vscode.Uri): vscode.Uri | undefined {
  const parsed = PathArgSchema.safeParse(value);
  if (!parsed.success) {
    return undefined;
  }
  const v = parsed.data;
  if (v instanceof vscode.Uri) {
    return v;
  }
  if (typeof v !== 'string') {
    return vscode.Uri.from(v);
  }
  if (URI_STRING.test(v)) {
    return vscode.Uri.parse(v);
  }
  if (ABSOLUTE_PATH.test(v) || !root) {
    const local = vscode.Uri.file(v);
    // a study on another file system (the browser's web worker host, github.dev, a remote): the path is on it
    return root && root.scheme !== 'file' ? root.with({ path: local.path, query: '', fragment: '' }) : local;
  }
  return vscode.Uri.joinPath(root, ...v.split(/[\\/]/).filter(Boolean));
}

const ArgsObjectSchema = z.record(z.string(), z.unknown());

/**
 * A command's options object: an object as it is; a Uri (from the explorer's context menu) as
 * `{ [uriKey]: uri }`; anything else as no options.
 */
export function argsObject(value: unknown, uriKey: string): Record<string, unknown> {
  if (value instanceof vscode.Uri) {
    return { [uriKey]: value };
  }
  const parsed = ArgsObjectSchema.safeParse(value);
  return parsed.success && !Array.isArray(value) ? parsed.data : {};
}

/** An optional boolean argument (`open: false`); anything else is absent. */
export function booleanArg(value: unknown): boolean | undefined {
  const parsed = z.boolean().safeParse(value);
  return parsed.success ? parsed.data : undefined;
}
