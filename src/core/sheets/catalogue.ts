/**
 * The literature factor catalogue to and from a sheet: one row per factor with its catalogue,
 * source model, category, authors (separated by semicolons) and description; a row with a
 * category and no factor keeps an empty category. Catalogues, categories and factors the study
 * has are matched by name (case and accents as written, spaces and case ignored), never
 * duplicated: a matched factor gains the authors it lacked and a description if it had none.
 */
import * as l10n from '@vscode/l10n';
import type { FactorCatalogue, FactorCategory, LiteratureFactor } from '../model';
import { StudyError } from '../study';
import { newId } from '../ids';
import type { CatalogueColumn } from './headers';
import { catalogueColumn, LIST_SEPARATOR, listOf } from './headers';
import type { SheetRows, SheetTable } from './rows';
import { headerRowIndex } from './rows';
import type { RowRefusal, SheetImportReport } from './codebook';
import type { Citations } from './references';
import { resolveCitations } from './references';

export interface CatalogueSheetPlan extends SheetImportReport {
  /** The study's catalogues after the import (to set with a `setCatalogues` operation, one undoable step). */
  readonly catalogues: FactorCatalogue[];
  /** True when anything changed. */
  readonly changed: boolean;
}

export interface CatalogueImportOptions {
  /** The catalogue of rows without a catalogue column (default: the study's only catalogue, or "Literature factors"). */
  readonly catalogue?: string;
  /** Citation keys the authors column may use (from a .bib or CSL-JSON file: ./references.ts). */
  readonly citations?: Citations;
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] extends readonly (infer U)[] ? U[] : T[K] };
type Cat = Omit<Mutable<FactorCatalogue>, 'categories'> & {
  categories: Array<Omit<Mutable<FactorCategory>, 'factors'> & { factors: Array<Mutable<LiteratureFactor>> }>;
};

function key(name: string): string {
  return name.trim().normalize('NFC').toLowerCase();
}

function copy(catalogues: readonly FactorCatalogue[]): Cat[] {
  return catalogues.map((c) => ({
    ...c,
    categories: c.categories.map((g) => ({ ...g, factors: g.factors.map((f) => ({ ...f, authors: [...f.authors] })) })),
  }));
}

/** Plans the import of a catalogue sheet into the study's catalogues. */
export function planCatalogueSheetImport(
  existing: readonly FactorCatalogue[],
  sheet: SheetRows,
  options: CatalogueImportOptions = {},
): CatalogueSheetPlan {
  const headerAt = headerRowIndex(sheet.rows, (cell) => catalogueColumn(cell) !== undefined);
  const cols = new Map<CatalogueColumn, number>();
  (sheet.rows[headerAt] ?? []).forEach((cell, col) => {
    const role = catalogueColumn(cell);
    if (role !== undefined && !cols.has(role)) {
      cols.set(role, col);
    }
  });
  if (!cols.has('category') && !cols.has('factor')) {
    throw new StudyError(l10n.t('The sheet has no "Category" or "Factor" column.'));
  }
  const catalogues = copy(existing);
  const fallback = options.catalogue ?? (existing.length === 1 ? existing[0].name : l10n.t('Literature factors'));
  const added: string[] = [];
  const matched: string[] = [];
  const refused: RowRefusal[] = [];
  const seen = new Map<LiteratureFactor, number>();
  let changed = false;
  for (let i = headerAt + 1; i < sheet.rows.length; i++) {
    const cells = sheet.rows[i];
    const row = sheet.rowNumbers[i];
    const cell = (role: CatalogueColumn): string => {
      const col = cols.get(role);
      return col === undefined ? '' : (cells[col] ?? '').trim();
    };
    if (cells.every((c) => c.trim() === '')) {
      continue;
    }
    const catName = cell('catalogue') || fallback;
    const categoryName = cell('category');
    const factorName = cell('factor');
    if (categoryName === '' && (factorName !== '' || cell('authors') !== '')) {
      refused.push({ row, reason: l10n.t('the factor has no category.') });
      continue;
    }
    let cat = catalogues.find((c) => key(c.name) === key(catName));
    if (!cat) {
      cat = { id: newId(), name: catName, categories: [] };
      catalogues.push(cat);
      added.push(catName);
      changed = true;
    }
    const source = cell('source');
    if (source !== '' && !cat.source) {
      cat.source = source;
      changed = true;
    }
    if (categoryName === '') {
      continue;
    }
    let category = cat.categories.find((g) => key(g.name) === key(categoryName));
    if (!category) {
      category = { id: newId(), name: categoryName, factors: [] };
      cat.categories.push(category);
      added.push(`${cat.name} › ${categoryName}`);
      changed = true;
    }
    if (factorName === '') {
      continue;
    }
    const label = `${cat.name} › ${category.name} › ${factorName}`;
    const authors = resolveCitations(listOf(cell('authors')), options.citations);
    const description = cells[cols.get('description') ?? -1] ?? '';
    let factor = category.factors.find((f) => key(f.name) === key(factorName));
    if (factor && seen.has(factor)) {
      refused.push({ row, reason: l10n.t('the factor {0} is named in row {1} already.', label, seen.get(factor)!) });
      continue;
    }
    if (!factor) {
      factor = { id: newId(), name: factorName, authors, ...(description.trim() !== '' ? { description } : {}) };
      category.factors.push(factor);
      added.push(label);
      changed = true;
    } else {
      matched.push(label);
      const known = new Set(factor.authors.map(key));
      const more = authors.filter((a) => !known.has(key(a)));
      if (more.length > 0 || (!factor.description && description.trim() !== '')) {
        factor.authors = [...factor.authors, ...more];
        factor.description = factor.description || (description.trim() !== '' ? description : undefined);
        if (factor.description === undefined) {
          delete factor.description;
        }
        changed = true;
      }
    }
    seen.set(factor, row);
  }
  return { catalogues, changed, added, matched, refused };
}

/** The catalogues as a sheet: one row per factor, one per empty category, one per empty catalogue. */
export function catalogueSheet(catalogues: readonly FactorCatalogue[]): SheetTable {
  const header = [
    l10n.t('Catalogue'),
    l10n.t('Source model'),
    l10n.t('Category'),
    l10n.t('Factor'),
    l10n.t('Authors'),
    l10n.t('Description'),
  ];
  const rows: string[][] = [];
  for (const cat of catalogues) {
    const source = cat.source ?? '';
    if (cat.categories.length === 0) {
      rows.push([cat.name, source, '', '', '', '']);
    }
    for (const g of cat.categories) {
      if (g.factors.length === 0) {
        rows.push([cat.name, source, g.name, '', '', '']);
      }
      for (const f of g.factors) {
        rows.push([cat.name, source, g.name, f.name, f.authors.join(LIST_SEPARATOR), f.description ?? '']);
      }
    }
  }
  return { title: l10n.t('Literature factors'), header, rows };
}
