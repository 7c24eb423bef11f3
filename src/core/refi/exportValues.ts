/** How study values are written in QDA-XML: source and selection names, dates, typed variable values. */
import type { AttributeValue } from '../model';
import { textNode } from './xml';

export type VariableType = 'Text' | 'Boolean' | 'Integer' | 'Float' | 'Date';

export function sourceName(path: string): string {
  return path.slice(path.lastIndexOf('/') + 1).replace(/\.(md|markdown)$/i, '');
}

export function selectionName(quote: string): string {
  const q = quote.replace(/\s+/g, ' ').trim();
  return q.length > 80 ? q.slice(0, 80).trimEnd() + '…' : q;
}

export function validDate(value: string | undefined): string | undefined {
  if (!value) {
    return undefined;
  }
  const t = Date.parse(value);
  return Number.isNaN(t) ? undefined : new Date(t).toISOString();
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

export function variableType(values: readonly AttributeValue[]): VariableType {
  if (values.length === 0) {
    return 'Text';
  }
  if (values.every((v) => typeof v === 'boolean')) {
    return 'Boolean';
  }
  if (values.every((v) => typeof v === 'number' && Number.isFinite(v))) {
    return values.every((v) => Number.isSafeInteger(v)) ? 'Integer' : 'Float';
  }
  if (values.every((v) => typeof v === 'string' && DATE.test(v) && !Number.isNaN(Date.parse(v)))) {
    return 'Date';
  }
  return 'Text';
}

export function variableValueEl(type: VariableType, value: AttributeValue): Record<string, unknown> {
  switch (type) {
    case 'Boolean':
      return { BooleanValue: textNode(String(value)) };
    case 'Integer':
      return { IntegerValue: textNode(String(value)) };
    case 'Float':
      return { FloatValue: textNode(decimal(value as number)) };
    case 'Date':
      return { DateValue: textNode(String(value)) };
    case 'Text':
      return { TextValue: textNode(String(value)) };
  }
}

/** xsd:decimal has no exponent notation. */
function decimal(n: number): string {
  const s = String(n);
  return /e/i.test(s) ? n.toLocaleString('en-US', { useGrouping: false, maximumFractionDigits: 20 }) : s;
}
