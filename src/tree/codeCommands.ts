import * as vscode from 'vscode';
import type { Origin, Polarity } from '../core/model';
import { ORIGINS, POLARITIES } from '../core/model';
import type { Operation, Study } from '../core/study';
import { StudyError } from '../core/study';
import { showStudyErrors } from '../l10n/coreMessages';
import { newCode } from '../core/coding';
import { CODE_PALETTE } from '../core/palette';
import { deleteCode, mergeCodes, moveCodes, setFactorLinks, linkFactors, siblingNameTaken } from '../core/codebookOps';
import type { DeleteOptions } from '../core/codebookOps';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../coding/colorIcons';
import { pickCodes } from '../coding/codePicker';
import type { CodeTreeProvider, CountScope } from './codeTree';
import { originLabel, polarityLabel } from './codeTree';
import type { FactorNode } from './factors';
import { asString } from './studyWatch';

/**
 * The code tree's commands. Each accepts programmatic arguments (code ids, names, values) so it runs
 * without UI from tests and other commands, and asks only for what it was not given. Every change
 * is one `study.transact` step, undone by Codeboom: Undo.
 */
export class CodeTreeCommands {
  constructor(
    private readonly service: StudyService,
    private readonly icons: ColorIcons,
    private readonly tree: CodeTreeProvider,
    private readonly view: () => vscode.TreeView<string> | undefined,
  ) {}

  register(): vscode.Disposable[] {
    const reg = (id: string, fn: (...args: unknown[]) => unknown): vscode.Disposable =>
      vscode.commands.registerCommand(id, (...args: unknown[]) => this.guard(() => fn(...args)));
    return [
      reg('codeboom.tree.newCode', (name, parent) => this.newCode(asString(name), asString(parent))),
      reg('codeboom.tree.newChildCode', (parent, name) => this.newChildCode(asString(parent), asString(name))),
      reg('codeboom.tree.rename', (id, name) => this.rename(asString(id), asString(name))),
      reg('codeboom.tree.changeColor', (id, color) => this.changeColor(asString(id), asString(color))),
      reg('codeboom.tree.editDefinition', (id, text) => this.editDefinition(asString(id), asString(text))),
      reg('codeboom.tree.setPolarity', (id, p) => this.setPolarity(asString(id), asString(p))),
      reg('codeboom.tree.setOrigin', (id, o) => this.setOrigin(asString(id), asString(o))),
      reg('codeboom.tree.linkFactors', (id, factors) =>
        this.linkFactors(
          asString(id),
          Array.isArray(factors) && factors.every((f) => typeof f === 'string') ? (factors as string[]) : undefined,
        ),
      ),
      reg('codeboom.factors.unlink', (node, factor) => this.unlink(node, asString(factor))),
      reg('codeboom.tree.merge', (id, target) => this.merge(asString(id), asString(target))),
      reg('codeboom.tree.move', (id, parent) => this.move(asString(id), parent === null ? null : asString(parent))),
      reg('codeboom.tree.delete', (id, options) => this.delete(asString(id), isDeleteOptions(options) ? options : undefined)),
      reg('codeboom.revealCode', (id) => this.reveal(asString(id))),
      reg('codeboom.tree.filter', (text) => this.filter(asString(text))),
      reg('codeboom.tree.clearFilter', () => this.tree.setFilter('')),
      reg('codeboom.tree.toggleCounts', (scope) => this.toggleCounts(scope === 'study' || scope === 'transcript' ? scope : undefined)),
    ];
  }

  private guard(fn: () => unknown): Promise<unknown> {
    return showStudyErrors(fn);
  }

  private get study(): Study | undefined {
    const study = this.service.study;
    if (!study) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return study;
  }

  /** The code meant: the argument, else the code selected in the tree, else one the user picks. */
  private async resolve(id: string | undefined, title: string): Promise<string | undefined> {
    const study = this.study;
    if (!study) {
      return undefined;
    }
    if (id !== undefined) {
      if (!study.code(id)) {
        throw new StudyError('No code {0}.', id);
      }
      return id;
    }
    const selected = this.view()?.selection[0];
    if (selected && study.code(selected)) {
      return selected;
    }
    const picked = await pickCodes(study, this.icons, { title, canCreate: false, canPickMany: false });
    return picked?.codes[0];
  }

  private nameInput(study: Study, parent: string | undefined, title: string, value = '', except?: string): Thenable<string | undefined> {
    return vscode.window.showInputBox({
      title,
      value,
      prompt: vscode.l10n.t('Name of the code'),
      validateInput: (v) => {
        if (!v.trim()) {
          return vscode.l10n.t('A code needs a name.');
        }
        if (siblingNameTaken(study, parent, v, except)) {
          return {
            message: vscode.l10n.t('There is already a code “{0}” here.', v.trim()),
            severity: vscode.InputBoxValidationSeverity.Warning,
          };
        }
        return undefined;
      },
    });
  }

  private async revealIfVisible(id: string): Promise<void> {
    const view = this.view();
    if (view?.visible) {
      await Promise.resolve(view.reveal(id, { select: true, focus: false, expand: true })).then(undefined, () => undefined);
    }
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
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Rename which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
    const next = name ?? (await this.nameInput(study, code.parent, vscode.l10n.t('Rename “{0}”', code.name), code.name, code.id));
    if (!next?.trim() || next.trim() === code.name) {
      return false;
    }
    study.transact(vscode.l10n.t('Rename code {0}', code.name), [{ kind: 'updateCode', id: code.id, patch: { name: next.trim() } }]);
    return true;
  }

  async changeColor(id?: string, color?: string): Promise<boolean> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Change the colour of which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
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
            vscode.l10n.t('used by {0} codes', used.get(c.toLowerCase()) ?? 0),
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
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Edit the definition of which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
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
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Set the polarity of which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
    let next: string | undefined = polarity;
    if (next === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          ...POLARITIES.map((p) => ({
            label: polarityLabel(p),
            description: p === code.polarity ? vscode.l10n.t('current') : undefined,
            value: p as string,
          })),
          { label: vscode.l10n.t('None'), description: code.polarity ? undefined : vscode.l10n.t('current'), value: 'none' },
        ],
        { title: vscode.l10n.t('Polarity of “{0}”', code.name) },
      );
      if (!picked) {
        return false;
      }
      next = picked.value;
    }
    const value = next === 'none' || next === '' ? undefined : (next as Polarity);
    if (value !== undefined && !POLARITIES.includes(value)) {
      throw new StudyError(vscode.l10n.t('Polarity is one of {0}.'), POLARITIES.join(', '));
    }
    if (value === code.polarity) {
      return false;
    }
    study.transact(vscode.l10n.t('Set polarity of {0}', code.name), [{ kind: 'updateCode', id: code.id, patch: { polarity: value } }]);
    return true;
  }

  async setOrigin(id?: string, origin?: string): Promise<boolean> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Set the origin of which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
    let next: string | undefined = origin;
    if (next === undefined) {
      const picked = await vscode.window.showQuickPick(
        [
          ...ORIGINS.map((o) => ({
            label: originLabel(o),
            description: o === code.origin ? vscode.l10n.t('current') : undefined,
            value: o as string,
          })),
          { label: vscode.l10n.t('None'), description: code.origin ? undefined : vscode.l10n.t('current'), value: 'none' },
        ],
        { title: vscode.l10n.t('Origin of “{0}”', code.name) },
      );
      if (!picked) {
        return false;
      }
      next = picked.value;
    }
    const value = next === 'none' || next === '' ? undefined : (next as Origin);
    if (value !== undefined && !ORIGINS.includes(value)) {
      throw new StudyError(vscode.l10n.t('Origin is one of {0}.'), ORIGINS.join(', '));
    }
    if (value === code.origin) {
      return false;
    }
    study.transact(vscode.l10n.t('Set origin of {0}', code.name), [{ kind: 'updateCode', id: code.id, patch: { origin: value } }]);
    return true;
  }

  /** With factor ids: links the code to them (keeps its other links). Without: a pick of all factors, ticked = linked. */
  async linkFactors(id?: string, factors?: string[]): Promise<string[] | undefined> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Link which code to literature factors?'))) ?? '');
    if (!study || !code) {
      return undefined;
    }
    let ops: Operation[];
    if (factors) {
      ops = linkFactors(study, code.id, factors);
    } else {
      const linked = new Set(study.factorsOf(code.id));
      type Item = vscode.QuickPickItem & { factor?: string };
      const items: Item[] = [];
      for (const cat of study.catalogues) {
        for (const g of cat.categories) {
          items.push({ label: study.catalogues.length > 1 ? `${cat.name} › ${g.name}` : g.name, kind: vscode.QuickPickItemKind.Separator });
          for (const f of g.factors) {
            items.push({ label: f.name, description: f.authors.join('; '), factor: f.id, picked: linked.has(f.id) });
          }
        }
      }
      if (!items.some((i) => i.factor)) {
        void vscode.window.showInformationMessage(
          vscode.l10n.t('Codeboom: the study has no literature factors yet (catalogues in codeboom.json).'),
        );
        return undefined;
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Literature factors of “{0}”', code.name),
        placeHolder: vscode.l10n.t('Tick the factors this code is evidence for'),
        canPickMany: true,
        matchOnDescription: true,
      });
      if (!picked) {
        return undefined;
      }
      ops = setFactorLinks(
        study,
        code.id,
        picked.map((p) => p.factor).filter((f): f is string => !!f),
      );
    }
    if (ops.length) {
      study.transact(vscode.l10n.t('Link {0} to literature factors', code.name), ops);
    }
    return study.factorsOf(code.id);
  }

  /** Removes a link; from the factors view the argument is the linked code's node. */
  async unlink(node: unknown, factor?: string): Promise<boolean> {
    const study = this.study;
    if (!study) {
      return false;
    }
    const n = node as FactorNode | undefined;
    const code = n && typeof n === 'object' && n.kind === 'link' ? n.code : asString(node);
    const f = n && typeof n === 'object' && n.kind === 'link' ? n.factor : factor;
    if (!code || !f || !study.factorsOf(code).includes(f)) {
      return false;
    }
    study.transact(vscode.l10n.t('Unlink {0} from a literature factor', study.code(code)?.name ?? code), [
      { kind: 'removeLink', code, factor: f },
    ]);
    return true;
  }

  async merge(id?: string, target?: string): Promise<boolean> {
    const study = this.study;
    const source = study?.code((await this.resolve(id, vscode.l10n.t('Merge which code?'))) ?? '');
    if (!study || !source) {
      return false;
    }
    let into = target;
    if (into === undefined) {
      const picked = await pickCodes(study, this.icons, {
        title: vscode.l10n.t('Merge “{0}” into…', source.name),
        canCreate: false,
        canPickMany: false,
        exclude: new Set(study.subtree(source.id)),
      });
      into = picked?.codes[0];
      if (!into) {
        return false;
      }
      const n = study.countWithCode(source.id);
      const ok = vscode.l10n.t('Merge');
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Merge “{0}” into “{1}”?', source.name, study.pathLabel(into)),
        {
          modal: true,
          detail: vscode.l10n.t(
            'Its {0} codings get “{1}” (duplicates on the same passage fold), its subcodes and literature links move there, and its name becomes an alias. Codeboom: Undo reverses this.',
            n,
            study.code(into)?.name ?? into,
          ),
        },
        ok,
      );
      if (answer !== ok) {
        return false;
      }
    }
    const ops = mergeCodes(study, source.id, into);
    study.transact(vscode.l10n.t('Merge {0} into {1}', source.name, study.code(into)?.name ?? into), ops);
    await this.revealIfVisible(into);
    return true;
  }

  /** `parent`: a code id, or null for the top level; undefined asks. */
  async move(id?: string, parent?: string | null): Promise<boolean> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Move which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
    let target: string | undefined;
    if (parent === undefined) {
      await this.icons.prepare(study.codes.map((c) => c.color));
      const excluded = new Set(study.subtree(code.id));
      type Item = vscode.QuickPickItem & { parent?: string };
      const items: Item[] = [
        {
          label: `$(list-tree) ${vscode.l10n.t('Top level')}`,
          description: code.parent === undefined ? vscode.l10n.t('current') : undefined,
        },
      ];
      for (const { code: c, depth } of study.treeOrder(undefined, (x) => excluded.has(x.id))) {
        items.push({
          label: `${'\u2003'.repeat(depth)}${c.name}`,
          description: c.id === code.parent ? vscode.l10n.t('current') : undefined,
          iconPath: this.icons.icon(c.color),
          parent: c.id,
        });
      }
      const picked = await vscode.window.showQuickPick(items, {
        title: vscode.l10n.t('Move “{0}” under…', code.name),
        placeHolder: vscode.l10n.t('Pick the new parent code'),
      });
      if (!picked) {
        return false;
      }
      target = picked.parent;
    } else {
      target = parent ?? undefined;
    }
    const ops = moveCodes(study, [code.id], target);
    if (ops.length === 0) {
      return false;
    }
    study.transact(vscode.l10n.t('Move code {0}', code.name), ops);
    await this.revealIfVisible(code.id);
    return true;
  }

  /** Deletes a code; with options it does not ask. Subcodes move up to its parent. */
  async delete(id?: string, options?: DeleteOptions): Promise<boolean> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, vscode.l10n.t('Delete which code?'))) ?? '');
    if (!study || !code) {
      return false;
    }
    let opts = options;
    const parent = code.parent !== undefined ? study.code(code.parent) : undefined;
    if (!opts) {
      const n = study.countWithCode(code.id);
      const kids = study.children(code.id).length;
      const toParent = parent ? vscode.l10n.t('Move Codings to “{0}”', parent.name) : undefined;
      const remove = n > 0 ? vscode.l10n.t('Delete Code and Its Codings') : vscode.l10n.t('Delete');
      const detail = [
        n > 0
          ? parent
            ? vscode.l10n.t(
                '{0} codings carry it: move them to its parent “{1}” (and its literature links), or take the code off them (a passage left without codes is uncoded).',
                n,
                parent.name,
              )
            : vscode.l10n.t('{0} codings carry it: the code is taken off them (a passage left without codes is uncoded).', n)
          : vscode.l10n.t('No coding carries it.'),
        kids > 0
          ? vscode.l10n.t('Its {0} subcodes move up to {1}.', kids, parent ? `“${parent.name}”` : vscode.l10n.t('the top level'))
          : undefined,
        vscode.l10n.t('Codeboom: Undo reverses this.'),
      ]
        .filter(Boolean)
        .join(' ');
      const buttons = [n > 0 ? toParent : undefined, remove].filter((b): b is string => !!b);
      const answer = await vscode.window.showWarningMessage(
        vscode.l10n.t('Delete the code “{0}”?', code.name),
        { modal: true, detail },
        ...buttons,
      );
      if (!answer) {
        return false;
      }
      opts = { codings: answer === toParent ? 'parent' : 'remove' };
    }
    const label = vscode.l10n.t('Delete code {0}', code.name);
    study.transact(label, deleteCode(study, code.id, opts));
    if (!options) {
      const undo = vscode.l10n.t('Undo');
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: deleted “{0}”.', code.name), undo).then((choice) => {
        if (choice === undo && study.undoLabel === label) {
          void vscode.commands.executeCommand('codeboom.undo');
        }
      });
    }
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
    await vscode.commands.executeCommand('codeboom.quotations.show', code);
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

function isDeleteOptions(v: unknown): v is DeleteOptions {
  return !!v && typeof v === 'object' && ((v as DeleteOptions).codings === 'parent' || (v as DeleteOptions).codings === 'remove');
}
