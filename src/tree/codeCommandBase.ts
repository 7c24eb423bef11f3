import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { Code } from '../core/model';
import { StudyError } from '../core/study';
import { siblingNameTaken } from '../core/codebookOps';
import type { StudyService } from '../study/studyService';
import type { ColorIcons } from '../ui/colorIcons';
import { pickCodes } from '../ui/codePicker';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import type { CommandId } from '../platform/ids';

/**
 * What the code tree's commands share: the open study, the code meant (argument, tree selection or
 * a pick), the name input with its sibling check. Each command accepts programmatic arguments (code
 * ids, names, values) so it runs without UI from tests and other commands, and asks only for what it
 * was not given. Every change is one `study.transact` step, undone by Codeboom: Undo.
 */
export abstract class CodeCommandsBase extends Disposable {
  constructor(
    protected readonly service: StudyService,
    protected readonly icons: ColorIcons,
    protected readonly view: () => vscode.TreeView<string> | undefined,
  ) {
    super();
  }

  /** Registers a command of the code tree (its arguments arrive untyped from menus, hovers and tests). */
  protected command(id: CommandId, fn: (...args: unknown[]) => unknown): void {
    this._register(registerCommand(id, (...args: unknown[]) => fn(...args)));
  }

  protected get study(): Study | undefined {
    const study = this.service.study;
    if (!study) {
      void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: no study is open.'));
    }
    return study;
  }

  /** The code meant: the argument, else the code selected in the tree, else one the user picks. */
  protected async resolve(id: string | undefined, title: string): Promise<string | undefined> {
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

  /** The open study and the code meant ({@link resolve}); undefined when there is no study or no such code. */
  protected async target(id: string | undefined, title: string): Promise<{ study: Study; code: Code } | undefined> {
    const study = this.study;
    const code = study?.code((await this.resolve(id, title)) ?? '');
    return study && code ? { study, code } : undefined;
  }

  protected nameInput(study: Study, parent: string | undefined, title: string, value = '', except?: string): Thenable<string | undefined> {
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

  protected async revealIfVisible(id: string): Promise<void> {
    const view = this.view();
    if (view?.visible) {
      await Promise.resolve(view.reveal(id, { select: true, focus: false, expand: true })).then(undefined, () => undefined);
    }
  }
}
