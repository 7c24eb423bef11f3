import * as vscode from 'vscode';
import type { Operation } from '../core/study';
import { deleteCode, mergeCodes, moveCodes, setFactorLinks, linkFactors } from '../core/codebookOps';
import type { DeleteOptions } from '../core/codebookOps';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { pickCodes } from '../ui/codePicker';
import { Command } from '../platform/ids';
import type { FactorNode } from './factors';
import { asString } from './studyWatch';
import { CodeCommandsBase } from './codeCommandBase';

/** The codebook's structure: link to literature factors, merge, move, delete. */
export class CodeStructureCommands extends CodeCommandsBase {
  constructor(service: StudyService, icons: ColorIcons, view: () => vscode.TreeView<string> | undefined) {
    super(service, icons, view);
    this.command(Command.treeLinkFactors, (id, factors) =>
      this.linkFactors(
        asString(id),
        Array.isArray(factors) && factors.every((f) => typeof f === 'string') ? (factors as string[]) : undefined,
      ),
    );
    this.command(Command.factorsUnlink, (node, factor) => this.unlink(node, asString(factor)));
    this.command(Command.treeMerge, (id, target) => this.merge(asString(id), asString(target)));
    this.command(Command.treeMove, (id, parent) => this.move(asString(id), parent === null ? null : asString(parent)));
    this.command(Command.treeDelete, (id, options) => this.delete(asString(id), isDeleteOptions(options) ? options : undefined));
  }

  /** With factor ids: links the code to them (keeps its other links). Without: a pick of all factors, ticked = linked. */
  async linkFactors(id?: string, factors?: string[]): Promise<string[] | undefined> {
    const meant = await this.target(id, vscode.l10n.t('Link which code to literature factors?'));
    if (!meant) {
      return undefined;
    }
    const { study, code } = meant;
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
    const meant = await this.target(id, vscode.l10n.t('Merge which code?'));
    if (!meant) {
      return false;
    }
    const { study, code: source } = meant;
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
          detail:
            n === 1
              ? vscode.l10n.t(
                  'Its coding gets “{0}”, its subcodes and literature links move there, and its name becomes an alias. Codeboom: Undo reverses this.',
                  study.code(into)?.name ?? into,
                )
              : vscode.l10n.t(
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
    const meant = await this.target(id, vscode.l10n.t('Move which code?'));
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
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
    const meant = await this.target(id, vscode.l10n.t('Delete which code?'));
    if (!meant) {
      return false;
    }
    const { study, code } = meant;
    let opts = options;
    const parent = code.parent !== undefined ? study.code(code.parent) : undefined;
    if (!opts) {
      const n = study.countWithCode(code.id);
      const kids = study.children(code.id).length;
      const toParent = parent ? vscode.l10n.t('Move Codings to “{0}”', parent.name) : undefined;
      const remove = n > 0 ? vscode.l10n.t('Delete Code and Its Codings') : vscode.l10n.t('Delete');
      const detail = [
        n === 0
          ? vscode.l10n.t('No coding carries it.')
          : parent
            ? n === 1
              ? vscode.l10n.t(
                  'One coding carries it: move it to its parent “{0}” (and its literature links), or take the code off it (a passage left without codes is uncoded).',
                  parent.name,
                )
              : vscode.l10n.t(
                  '{0} codings carry it: move them to its parent “{1}” (and its literature links), or take the code off them (a passage left without codes is uncoded).',
                  n,
                  parent.name,
                )
            : n === 1
              ? vscode.l10n.t('One coding carries it: the code is taken off it (a passage left without codes is uncoded).')
              : vscode.l10n.t('{0} codings carry it: the code is taken off them (a passage left without codes is uncoded).', n),
        kids === 0
          ? undefined
          : kids === 1
            ? vscode.l10n.t('Its subcode moves up to {0}.', parent ? `“${parent.name}”` : vscode.l10n.t('the top level'))
            : vscode.l10n.t('Its {0} subcodes move up to {1}.', kids, parent ? `“${parent.name}”` : vscode.l10n.t('the top level')),
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
          void vscode.commands.executeCommand(Command.undo);
        }
      });
    }
    return true;
  }
}

function isDeleteOptions(v: unknown): v is DeleteOptions {
  return !!v && typeof v === 'object' && ((v as DeleteOptions).codings === 'parent' || (v as DeleteOptions).codings === 'remove');
}
