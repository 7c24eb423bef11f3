/**
 * The fast path of reading a codings file: a hand-compiled check of exactly the shape that
 * `codingFileSchemaV1` (./schema.ts) accepts, run on the output of JSON.parse and completed in place
 * (defaults, no copies). It either accepts what zod would accept, giving what zod would give, or
 * answers undefined, and then zod runs to accept or to explain. A property test
 * (test/unit/codingFileFast.test.ts) compares its verdicts and results with zod's on valid and
 * mutated files. Profiled on 50,000 codings, zod took half the time of opening a study.
 */
import { isSafeSegment, normalizeStudyPath } from './paths';

/** What the fast path gives: the file's records, completed as zod completes them. */
export interface FastCodingFile {
  readonly schemaVersion: 1;
  readonly document: string;
  readonly coder: string;
  readonly offsetEncoding: 'utf-16';
  readonly codings: Array<Record<string, unknown>>;
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

function isId(v: unknown): v is string {
  return typeof v === 'string' && v.length >= 1 && v.length <= 200;
}

function isOffset(v: unknown): v is number {
  return typeof v === 'number' && Number.isSafeInteger(v) && v >= 0;
}

function optionalString(v: unknown): boolean {
  return v === undefined || typeof v === 'string';
}

/** One record of `codings`, checked against codingSchema and completed (prefix, suffix) in place. */
function checkCoding(c: unknown): boolean {
  if (!isRecord(c)) {
    return false;
  }
  for (const key in c) {
    switch (key) {
      case 'id':
      case 'codes':
      case 'start':
      case 'end':
      case 'quote':
      case 'prefix':
      case 'suffix':
      case 'created':
      case 'modified':
      case 'memo':
      case 'orphaned':
        break;
      default:
        return false;
    }
  }
  const codes = c['codes'];
  if (!isId(c['id']) || !Array.isArray(codes) || codes.length === 0) {
    return false;
  }
  for (const code of codes) {
    if (!isId(code)) {
      return false;
    }
  }
  if (!isOffset(c['start']) || !isOffset(c['end']) || typeof c['quote'] !== 'string' || typeof c['created'] !== 'string') {
    return false;
  }
  if (!optionalString(c['prefix']) || !optionalString(c['suffix']) || !optionalString(c['modified']) || !optionalString(c['memo'])) {
    return false;
  }
  const orphaned = c['orphaned'];
  if (orphaned !== undefined && typeof orphaned !== 'boolean') {
    return false;
  }
  c['prefix'] ??= '';
  c['suffix'] ??= '';
  return true;
}

/**
 * The parsed JSON of a codings file, checked and completed in place when it has exactly the shape
 * zod accepts; undefined otherwise (then zod decides, and says why). On the way it may already have
 * set a missing prefix or suffix of good records to '': the value zod gives them too.
 */
export function fastCodingFile(raw: unknown): FastCodingFile | undefined {
  if (!isRecord(raw)) {
    return undefined;
  }
  for (const key in raw) {
    if (key !== 'schemaVersion' && key !== 'document' && key !== 'coder' && key !== 'offsetEncoding' && key !== 'codings') {
      return undefined;
    }
  }
  const { document, coder, codings } = raw;
  if (raw['schemaVersion'] !== 1 || typeof document !== 'string' || !isId(coder) || !isSafeSegment(coder)) {
    return undefined;
  }
  const path = normalizeStudyPath(document, { allowRoot: false });
  if (!path.ok || path.path !== document) {
    return undefined;
  }
  if (raw['offsetEncoding'] !== undefined && raw['offsetEncoding'] !== 'utf-16') {
    return undefined;
  }
  if (!Array.isArray(codings)) {
    return undefined;
  }
  for (const c of codings) {
    if (!checkCoding(c)) {
      return undefined;
    }
  }
  raw['offsetEncoding'] = 'utf-16';
  return raw as unknown as FastCodingFile;
}
