import * as vscode from 'vscode';
import type { Code } from '../core/model';
import { ORIGINS, POLARITIES } from '../core/model';
import { StudyError } from '../core/study';
import { newCode } from '../core/coding';
import { CODE_PALETTE } from '../core/palette';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import type { CodeTreeProvider, CountScope } from './codeTree';
import { originLabel, polarityLabel } from './codeTree';
import { asString } from './studyWatch';
import { Command } from '../platform/ids';
import { CodeCommandsBase } from './codeCommandBase';
import { counted } from '../core/plural';

/** The code tree's commands that edit one code (name, colour, definition, polarity, origin) or find one (reveal, filter, counts). */
export class CodeTreeCommands extends CodeCommandsBase {
  constructor(
    service: StudyService,
    icons: ColorIcons,
    private readonly tree: CodeTreeProvider,
    view: () => vscode.TreeView<string> | undefined,
  ) {
    super(service, icons, view);
    this.command(Command.treeNewCode, (name, parent) => this.newCode(asString(name), asString(parent)));
    this.command(Command.treeNewChildCode, (parent, name) => this.newChildCode(asString(parent), asString(name)));
    this.command(Command.treeRename, (id, name) => this.rename(asString(id), asString(name)));
    this.command(Command.treeChangeColor, (id, color) => this.changeColor(asString(id), asString(color)));
    this.command(Command.treeEditDefinition, (id, text) => this.editDefinition(asString(id), asString(text)));
    this.command(Command.treeSetPolarity, (id, p) => this.setPolarity(asString(id), asString(p)));
    this.command(Command.treeSetOrigin, (id, o) => this.setOrigin(asString(id), asString(o)));
    this.command(Command.revealCode, (id) => this.reveal(asString(id)));
    this.command(Command.treeFilter, (text) => this.filter(asString(text)));
    this.command(Command.treeClearFilter, () => this.tree.setFilter(''));
    this.command(Command.treeToggleCounts, (scope) => this.toggleCounts(scope === 'study' || scope === 'transcript' ? scope : undefined));
  }

  async newCode(name?: string, parent?: string): Promise<string | undefined> {
    const study = this.study;
    if (!study) {
      return undefined;
    }
    if (parent !== undefined && !study.code(parent)) {
      throw new StudyError('No code {0}.', parent);
    }
    const title = parent ? vscode.l10n.t('New code under “{0}”', study.code(parent)!.name) : vscode.l10n.t('New top-level code');
    const n = name ?? (await this.nameInput(study, parent, title));
    if (!n?.trim()) {
      return undefined;
    }
    const code = newCode(study, n, parent);
    // Keep the file in tree order: a new code goes after its parent's last descendant.
    const ids = study.codes.map((c) => c.id);
    const family = parent ? new Set(study.subtree(parent)) : undefined;
    const index = family ? ids.reduce((last, id, i) => (family.has(id) ? i : last), -1) + 1 : ids.length;
    study.transact(vscode.l10n.t('New code {0}', code.name), [{ kind: 'addCode', code, index }]);
    await this.revealIfVisible(code.id);
    return code.id;
  }

  async newChildCode(parent?: string, name?: string): Promise<string | undefined> {
    const p = await this.resolve(parent, vscode.l10n.t('New code under which code?'));
    return p ? this.newCode(name, p) : undefined;
  }

  async rename(id?: string, name?: string): Promise<boolean> {
    const meant = await this.target(id, vscode.l10n.t('Rename which code?'));
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
    const next = name ?? (await this.nameInput(study, code.parent, vscode.l10n.t('Rename “{0}”', code.name), code.name, code.id));
    if (!next?.trim() || next.trim() === code.name) {
      return false;
    }
    study.transact(vscode.l10n.t('Rename code {0}', code.name), [{ kind: 'updateCode', id: code.id, patch: { name: next.trim() } }]);
    return true;
  }

  async changeColor(id?: string, color?: string): Promise<boolean> {
    const meant = await this.target(id, vscode.l10n.t('Change the colour of which code?'));
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
    let next = color;
    if (next === undefined) {
      await this.icons.prepare(CODE_PALETTE);
      type Item = vscode.QuickPickItem & { color?: string };
      const used = new Map<string, number>();
      for (const c of study.codes) {
        used.set(c.color.toLowerCase(), (used.get(c.color.toLowerCase()) ?? 0) + 1);
      }
      const items: Item[] = [
        ...CODE_PALETTE.map((c) => ({
          label: c,
          description: [
            c.toLowerCase() === code.color.toLowerCase() ? vscode.l10n.t('current') : undefined,
            vscode.l10n.t('used by {0}', counted(used.get(c.toLowerCase()) ?? 0, 'code')),
          ]
            .filter(Boolean)
            .join(' · '),
          iconPath: this.icons.icon(c),
          color: c,
        })),
        { label: `$(edit) ${vscode.l10n.t('Other colour…')}` },
      ];
      const picked = await vscode.window.showQuickPick(items, { title: vscode.l10n.t('Colour of “{0}”', code.name) });
      if (!picked) {
        return false;
      }
      next =
        picked.color ??
        (await vscode.window.showInputBox({
          title: vscode.l10n.t('Colour of “{0}”', code.name),
          value: code.color,
          prompt: vscode.l10n.t('A colour as #rrggbb'),
          validateInput: (v) =>
            /^#[0-9a-fA-F]{6}$/.test(v.trim()) ? undefined : vscode.l10n.t('Write the colour as #rrggbb, e.g. #4e79a7.'),
        }));
      if (!next) {
        return false;
      }
    }
    next = next.trim().toLowerCase();
    if (!/^#[0-9a-f]{6}$/.test(next)) {
      throw new StudyError('Write the colour as #rrggbb, e.g. #4e79a7.');
    }
    if (next === code.color.toLowerCase()) {
      return false;
    }
    study.transact(vscode.l10n.t('Change colour of {0}', code.name), [{ kind: 'updateCode', id: code.id, patch: { color: next } }]);
    return true;
  }

  async editDefinition(id?: string, text?: string): Promise<boolean> {
    const meant = await this.target(id, vscode.l10n.t('Edit the definition of which code?'));
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
    const next =
      text ??
      (await vscode.window.showInputBox({
        title: vscode.l10n.t('Definition of “{0}”', code.name),
        value: code.definition ?? '',
        prompt: vscode.l10n.t('When is a passage coded with this code? Empty removes the definition.'),
      }));
    if (next === undefined || next.trim() === (code.definition ?? '')) {
      return false;
    }
    study.transact(vscode.l10n.t('Edit definition of {0}', code.name), [
      { kind: 'updateCode', id: code.id, patch: { definition: next.trim() || undefined } },
    ]);
    return true;
  }

  async setPolarity(id?: string, polarity?: string): Promise<boolean> {
    return this.setChoice('polarity', id, polarity, {
      values: POLARITIES,
      label: polarityLabel,
      which: vscode.l10n.t('Set the polarity of which code?'),
      title: (name) => vscode.l10n.t('Polarity of “{0}”', name),
      invalid: vscode.l10n.t('Polarity is one of {0}.'),
      undo: (name) => vscode.l10n.t('Set polarity of {0}', name),
    });
  }

  async setOrigin(id?: string, origin?: string): Promise<boolean> {
    return this.setChoice('origin', id, origin, {
      values: ORIGINS,
      label: originLabel,
      which: vscode.l10n.t('Set the origin of which code?'),
      title: (name) => vscode.l10n.t('Origin of “{0}”', name),
      invalid: vscode.l10n.t('Origin is one of {0}.'),
      undo: (name) => vscode.l10n.t('Set origin of {0}', name),
    });
  }

  /** Sets one of a code's fixed-choice fields (polarity, origin): the given value, 'none' or '' to clear, or a pick. */
  private async setChoice<K extends 'polarity' | 'origin'>(
    field: K,
    id: string | undefined,
    given: string | undefined,
    words: {
      values: readonly NonNullable<Code[K]>[];
      label: (value: NonNullable<Code[K]>) => string;
      which: string;
      title: (name: string) => string;
      invalid: string;
      undo: (name: string) => string;
    },
  ): Promise<boolean> {
    const meant = await this.target(id, words.which);
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
    let next: string | undefined = given;
    if (next === undefined) {
      const current = code[field];
      const picked = await vscode.window.showQuickPick(
        [
          ...words.values.map((v) => ({
            label: words.label(v),
            description: v === current ? vscode.l10n.t('current') : undefined,
            value: v as string,
          })),
          { label: vscode.l10n.t('None'), description: current ? undefined : vscode.l10n.t('current'), value: 'none' },
        ],
        { title: words.title(code.name) },
      );
      if (!picked) {
        return false;
      }
      next = picked.value;
    }
    const value = next === 'none' || next === '' ? undefined : (next as NonNullable<Code[K]>);
    if (value !== undefined && !words.values.includes(value)) {
      throw new StudyError(words.invalid, words.values.join(', '));
    }
    if (value === code[field]) {
      return false;
    }
    study.transact(words.undo(code.name), [{ kind: 'updateCode', id: code.id, patch: { [field]: value } }]);
    return true;
  }

  /** Reveals a code in the tree (the argument, else the first code of the coding under the cursor) and shows its quotations. */
  async reveal(id?: string): Promise<string | undefined> {
    const study = this.study;
    if (!study) {
      return undefined;
    }
    let code = id;
    if (code === undefined) {
      const editor = vscode.window.activeTextEditor;
      const doc = editor && this.service.docPath(editor.document.uri);
      const here = editor && doc ? study.codingsAt(doc, editor.document.offsetAt(editor.selection.active)) : [];
      if (here.length === 0) {
        void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: there is no coding at the cursor.'));
        return undefined;
      }
      const codes = [...new Set(here.flatMap((c) => c.codes))];
      if (codes.length === 1) {
        code = codes[0];
      } else {
        const picked = await vscode.window.showQuickPick(
          codes.map((c) => ({ label: study.code(c)?.name ?? c, description: study.pathLabel(c), code: c })),
          { title: vscode.l10n.t('Reveal which code?') },
        );
        code = picked?.code;
      }
    }
    if (!code || !study.code(code)) {
      return undefined;
    }
    if (this.tree.filter && !this.tree.matches?.has(code)) {
      this.tree.setFilter('');
    }
    await vscode.commands.executeCommand(Command.quotationsShow, code);
    const view = this.view();
    if (view) {
      await Promise.resolve(view.reveal(code, { select: true, focus: true, expand: true })).then(undefined, () => undefined);
    }
    return code;
  }

  async filter(text?: string): Promise<string[] | undefined> {
    const study = this.study;
    if (!study) {
      return undefined;
    }
    let value = text;
    if (value === undefined) {
      value = await vscode.window.showInputBox({
        title: vscode.l10n.t('Filter the code tree'),
        value: this.tree.filter,
        prompt: vscode.l10n.t('Part of a code name, alias or definition (fuzzy, accents optional). Empty shows every code.'),
      });
      if (value === undefined) {
        return undefined;
      }
    }
    return this.tree.setFilter(value);
  }

  toggleCounts(scope?: CountScope): CountScope {
    const next = scope ?? (this.tree.scope === 'study' ? 'transcript' : 'study');
    const editor = vscode.window.activeTextEditor;
    const doc = editor ? this.service.docPath(editor.document.uri) : undefined;
    this.tree.setScope(next, doc);
    return next;
  }
}
