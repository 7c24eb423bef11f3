import * as vscode from 'vscode';
import Fuse from 'fuse.js';
import type { Code } from '../core/model';
import type { Study } from '../core/study';
import type { ColorIcons } from './colorIcons';
import { suggesterFor } from '../core/suggest';
import type { Suggestion } from '../core/suggest';

export interface PickedCodes {
  /** Existing codes chosen. */
  readonly codes: string[];
  /** A new code to create first, named by what the user typed. */
  readonly create?: string;
}

interface CodeItem extends vscode.QuickPickItem {
  readonly code?: Code;
  readonly createName?: string;
}

export interface PickOptions {
  readonly title: string;
  readonly suggestions?: readonly Code[];
  /** The selected text: the engine (src/core/suggest) ranks the "Suggested for this passage" group by it. */
  readonly passage?: string;
  /** The coding being recoded: it does not vote for its own codes. */
  readonly passageCoding?: string;
  readonly recent?: readonly string[];
  readonly canCreate?: boolean;
  readonly canPickMany?: boolean;
  readonly exclude?: ReadonlySet<string>;
}

/** Fuzzy search over the codebook, insensitive to case and diacritics ("hierarchie" finds "hiërarchie"). */
export function createCodeSearch(study: Study): Fuse<Code> {
  return new Fuse([...study.codes], {
    keys: [
      { name: 'name', weight: 3 },
      { name: 'aliases', weight: 2 },
      { name: 'definition', weight: 0.5 },
    ],
    ignoreDiacritics: true,
    ignoreLocation: true,
    threshold: 0.4,
    includeScore: true,
  });
}

function parentPath(study: Study, code: Code): string {
  return study
    .pathOf(code.id)
    .slice(0, -1)
    .map((c) => c.name)
    .join(' › ');
}

const SUGGESTED = 5;

/**
 * The suggestions for a passage, best first: the engine's (similar coded passages, name and
 * definition match), else the plain name match given. The engine is built on the first call.
 */
export async function passageSuggestions(
  study: Study,
  passage: string,
  passageCoding?: string,
): Promise<Array<{ code: Code; suggestion: Suggestion }>> {
  const suggester = suggesterFor(study);
  await suggester.prepare();
  return suggester.suggest(passage, { limit: SUGGESTED, skipCoding: passageCoding }).flatMap((suggestion) => {
    const code = study.code(suggestion.code);
    return code ? [{ code, suggestion }] : [];
  });
}

/** The item's detail: why, and the most similar coded passage. */
export function suggestionDetail(s: Suggestion): string {
  const quote = s.example?.quote.replace(/\s+/g, ' ').trim();
  const short = quote && quote.length > 90 ? `${quote.slice(0, 89)}…` : quote;
  return short ? `${s.reason} — “${short}”` : s.reason;
}

/** Code paths with their colours; suggestions, then recently used, then the tree. */
export async function pickCodes(study: Study, icons: ColorIcons, options: PickOptions): Promise<PickedCodes | undefined> {
  await icons.prepare(study.codes.map((c) => c.color));
  const engine = options.passage?.trim() ? await passageSuggestions(study, options.passage, options.passageCoding).catch(() => []) : [];
  const details = new Map(engine.map((e) => [e.code.id, suggestionDetail(e.suggestion)]));
  const qp = vscode.window.createQuickPick<CodeItem>();
  qp.title = options.title;
  qp.placeholder = vscode.l10n.t('Find a code or type a new name; tick several with Space; Enter applies');
  qp.canSelectMany = options.canPickMany ?? true;
  qp.matchOnDescription = true;
  const fuse = createCodeSearch(study);
  const exclude = options.exclude ?? new Set<string>();
  const item = (code: Code, reason?: string, detail?: string): CodeItem => ({
    label: code.name,
    description: [parentPath(study, code), reason].filter(Boolean).join(' · '),
    detail,
    iconPath: icons.icon(code.color),
    code,
    alwaysShow: true,
  });
  const initialItems = (): CodeItem[] => {
    const items: CodeItem[] = [];
    const seen = new Set<string>();
    const push = (code: Code | undefined, reason?: string, detail?: string) => {
      if (code && !seen.has(code.id) && !exclude.has(code.id)) {
        seen.add(code.id);
        items.push(item(code, reason, detail));
      }
    };
    const sug = engine.length ? engine.map((e) => e.code) : (options.suggestions ?? []);
    if (sug.length) {
      items.push({ label: vscode.l10n.t('Suggested for this passage'), kind: vscode.QuickPickItemKind.Separator });
      sug.forEach((c) => push(c, undefined, details.get(c.id)));
    }
    const recent = (options.recent ?? []).map((id) => study.code(id)).filter((c): c is Code => !!c && !seen.has(c.id));
    if (recent.length) {
      items.push({ label: vscode.l10n.t('Recently used'), kind: vscode.QuickPickItemKind.Separator });
      recent.forEach((c) => push(c));
    }
    items.push({ label: vscode.l10n.t('All codes'), kind: vscode.QuickPickItemKind.Separator });
    for (const { code } of study.treeOrder()) {
      push(code);
    }
    return items;
  };
  const searchItems = (value: string): CodeItem[] => {
    const results = fuse.search(value).filter((r) => !exclude.has(r.item.id));
    const items = results.map((r) => item(r.item));
    const exact = study.codes.some((c) => c.name.localeCompare(value.trim(), undefined, { sensitivity: 'accent' }) === 0);
    if (options.canCreate !== false && value.trim() && !exact) {
      items.push({ label: `$(add) ${vscode.l10n.t('New code “{0}”', value.trim())}`, createName: value.trim(), alwaysShow: true });
    }
    return items;
  };
  const ticked = new Map<string, CodeItem>();
  qp.items = initialItems();
  // Enter takes the first item: the best suggestion when there is one.
  const firstItem = qp.items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator);
  if (firstItem) {
    qp.activeItems = [firstItem];
  }
  qp.onDidChangeSelection((sel) => {
    // Remember ticks across searches (VS Code forgets items that are replaced).
    for (const i of qp.items) {
      if (i.code && !sel.includes(i)) {
        ticked.delete(i.code.id);
      }
    }
    for (const i of sel) {
      if (i.code) {
        ticked.set(i.code.id, i);
      }
    }
  });
  qp.onDidChangeValue((value) => {
    const items = value.trim() ? searchItems(value) : initialItems();
    qp.items = items;
    qp.selectedItems = items.filter((i) => i.code && ticked.has(i.code.id));
    const first = items.find((i) => i.kind !== vscode.QuickPickItemKind.Separator);
    if (first) {
      qp.activeItems = [first];
    }
  });
  return new Promise<PickedCodes | undefined>((resolve) => {
    let done = false;
    qp.onDidAccept(() => {
      const active = qp.activeItems[0];
      done = true;
      if (active?.createName && ticked.size === 0) {
        resolve({ codes: [], create: active.createName });
      } else if (ticked.size > 0) {
        resolve({ codes: [...ticked.keys()] });
      } else if (active?.code) {
        resolve({ codes: [active.code.id] });
      } else if (active?.createName) {
        resolve({ codes: [], create: active.createName });
      } else {
        resolve(undefined);
      }
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!done) {
        resolve(undefined);
      }
    });
    qp.show();
  });
}

/** Asks where a new code goes: top level or under an existing code. */
export async function pickParent(study: Study, icons: ColorIcons, name: string): Promise<{ parent: string | undefined } | undefined> {
  await icons.prepare(study.codes.map((c) => c.color));
  type ParentItem = vscode.QuickPickItem & { parent?: string };
  const items: ParentItem[] = [{ label: `$(list-tree) ${vscode.l10n.t('Top level')}`, parent: undefined }];
  for (const { code: c, depth } of study.treeOrder()) {
    items.push({
      label: `${'\u2003'.repeat(depth)}${c.name}`,
      description: parentPath(study, c),
      iconPath: icons.icon(c.color),
      parent: c.id,
    });
  }
  const picked = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Where does the new code “{0}” go?', name),
    placeHolder: vscode.l10n.t('Pick the parent code'),
    matchOnDescription: true,
  });
  return picked ? { parent: picked.parent } : undefined;
}
