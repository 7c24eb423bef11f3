import * as vscode from 'vscode';
import type { AutoCodeQuery, Hit, QueryKind, Scope } from '../core/autocode';
import { autoCodeOps, findHits, hitContext, speakers } from '../core/autocode';
import { backupCodings } from '../core/store';
import type { StudyService } from '../study/studyService';
import { VscodeFileSystem } from '../platform/vscodeFileSystem';
import type { ColorIcons } from '../ui/colorIcons';
import { pickCodes } from '../ui/codePicker';
import { counted } from '../core/plural';

export interface AutoCodeArgs {
  readonly kind: QueryKind;
  readonly value: string;
  readonly scope: Scope;
  readonly codes: readonly string[];
  /** Indexes of the hits to code (default: all). */
  readonly select?: readonly number[];
}

/** Search the study, preview every hit with its context, deselect some, code the rest in one undoable step. */
export async function autoCode(
  service: StudyService,
  icons: ColorIcons,
  args?: AutoCodeArgs,
): Promise<{ hits: number; coded: number; backup: string } | undefined> {
  const study = service.study;
  const store = service.store;
  if (!study || !store) {
    void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    return undefined;
  }
  const texts = new Map(study.documents.map((d) => [d.path, store.text(d.path) ?? '']));
  let query: AutoCodeQuery;
  let scope: Scope;
  if (args) {
    query = { kind: args.kind, value: args.value };
    scope = args.scope;
  } else {
    const kinds: Array<vscode.QuickPickItem & { queryKind: QueryKind }> = [
      { label: vscode.l10n.t('Words'), description: vscode.l10n.t('any of these words; case and accents ignored'), queryKind: 'words' },
      { label: vscode.l10n.t('Phrase'), description: vscode.l10n.t('this exact phrase; case and accents ignored'), queryKind: 'phrase' },
      { label: vscode.l10n.t('Regular expression'), description: vscode.l10n.t('JavaScript syntax'), queryKind: 'regex' },
      { label: vscode.l10n.t('Speaker'), description: vscode.l10n.t('every turn of one speaker'), queryKind: 'speaker' },
    ];
    const kind = await vscode.window.showQuickPick(kinds, { title: vscode.l10n.t('Auto-code: search by'), ignoreFocusOut: true });
    if (!kind) {
      return undefined;
    }
    let value: string | undefined;
    if (kind.queryKind === 'speaker') {
      value = await vscode.window.showQuickPick(speakers(texts), { title: vscode.l10n.t('Auto-code: whose turns?'), ignoreFocusOut: true });
    } else {
      value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Auto-code: {0}', kind.label),
        ignoreFocusOut: true,
        validateInput: (v) => {
          if (!v.trim()) {
            return vscode.l10n.t('Type what to search for.');
          }
          if (kind.queryKind === 'regex') {
            try {
              new RegExp(v, 'u');
            } catch (e) {
              return String(e);
            }
          }
          return undefined;
        },
      });
    }
    if (!value) {
      return undefined;
    }
    query = { kind: kind.queryKind, value };
    if (kind.queryKind === 'speaker') {
      scope = 'turn';
    } else {
      const scopes: Array<vscode.QuickPickItem & { scope: Scope }> = [
        { label: vscode.l10n.t('The sentence around each hit'), scope: 'sentence' },
        { label: vscode.l10n.t('The paragraph around each hit'), scope: 'paragraph' },
        { label: vscode.l10n.t('The speaker turn around each hit'), scope: 'turn' },
        { label: vscode.l10n.t('Only the hit itself'), scope: 'hit' },
      ];
      const s = await vscode.window.showQuickPick(scopes, { title: vscode.l10n.t('Auto-code: what to code'), ignoreFocusOut: true });
      if (!s) {
        return undefined;
      }
      scope = s.scope;
    }
  }
  const hits = findHits(study, texts, query, scope);
  if (hits.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no passages found.'));
    return { hits: 0, coded: 0, backup: '' };
  }
  let chosen: Hit[];
  let codes: readonly string[];
  if (args) {
    chosen = args.select ? args.select.map((i) => hits[i]).filter(Boolean) : hits;
    codes = args.codes;
  } else {
    const picked = await previewHits(study.sourceLabel.bind(study), hits, texts);
    if (!picked || picked.length === 0) {
      return undefined;
    }
    chosen = picked;
    const c = await pickCodes(study, icons, {
      title: vscode.l10n.t('Code {0} with…', counted(chosen.length, 'passage')),
      canCreate: false,
    });
    if (!c || c.codes.length === 0) {
      return undefined;
    }
    codes = c.codes;
  }
  const fs = new VscodeFileSystem(service.root!);
  await service.flush();
  const backup = await backupCodings(fs);
  const ops = autoCodeOps(study, texts, chosen, codes, service.activeCoder.id);
  study.transact(vscode.l10n.t('Auto-code {0}', counted(chosen.length, 'passage')), ops);
  void vscode.window.showInformationMessage(
    ops.length === 1
      ? vscode.l10n.t('Codeboom: coded 1 passage (undo reverts it). Backup of the codings before: {0}', backup)
      : vscode.l10n.t(
          'Codeboom: coded {0} (one undo reverts them all). Backup of the codings before: {1}',
          counted(ops.length, 'passage'),
          backup,
        ),
  );
  return { hits: hits.length, coded: ops.length, backup };
}

/** Every hit with its context, all ticked; untick the ones that should not be coded. */
async function previewHits(
  source: (doc: string) => string,
  hits: readonly Hit[],
  texts: ReadonlyMap<string, string>,
): Promise<Hit[] | undefined> {
  type HitItem = vscode.QuickPickItem & { hit: Hit };
  const items: HitItem[] = hits.map((h) => ({
    label: source(h.doc),
    description: h.doc,
    detail: hitContext(texts.get(h.doc) ?? '', h),
    picked: true,
    hit: h,
  }));
  const qp = vscode.window.createQuickPick<HitItem>();
  qp.title = vscode.l10n.t('Auto-code preview: {0} found — untick what should not be coded, then Enter', counted(hits.length, 'passage'));
  qp.canSelectMany = true;
  qp.matchOnDetail = true;
  qp.ignoreFocusOut = true;
  qp.items = items;
  qp.selectedItems = items;
  return new Promise((resolve) => {
    let accepted = false;
    qp.onDidAccept(() => {
      accepted = true;
      resolve(qp.selectedItems.map((i) => i.hit));
      qp.hide();
    });
    qp.onDidHide(() => {
      qp.dispose();
      if (!accepted) {
        resolve(undefined);
      }
    });
    qp.show();
  });
}
