/**
 * The first look at a study: the first time a study opens in a workspace (and the setting
 * `codeboom.welcome.onFirstOpen` is on), reveal the Codeboom view and, when no editor is open, open
 * the transcript with the most codings so its highlights show at once; the walkthrough is one click
 * away (the Codeboom view's title bar and the notification). Later opens leave the layout alone.
 */
import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { StudyService } from '../study/studyService';
import type { Feature } from '../feature';
import { registerCommand, setContext } from '../platform/commands';
import { Command, ContextKey } from '../platform/ids';
import { Disposable, MutableDisposable } from '../platform/lifecycle';

const SEEN_KEY = 'codeboom.welcome.seen';
export const WALKTHROUGH_ID = 'codeboom.codeboom#codeboom.start';

/** The transcript a newcomer should see first: the one with the most codings (ties: path order). */
export function firstTranscript(study: Study): string | undefined {
  let best: string | undefined;
  let bestCount = 0;
  for (const d of [...study.documents].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))) {
    const n = study.codingsOf(d.path).filter((c) => !c.orphaned).length;
    if (n > bestCount) {
      best = d.path;
      bestCount = n;
    }
  }
  return best ?? study.documents[0]?.path;
}

/**
 * The context key `codeboom.hasTranscripts`: the open study has transcripts, so the walkthrough and
 * the welcome content stop suggesting to add them (package.json `when` clauses).
 */
export class TranscriptsContext extends Disposable {
  private readonly studyListener = this._register(new MutableDisposable());
  private _value = false;

  constructor(private readonly svc: StudyService) {
    super();
    this._register(svc.onDidChangeStudy((study) => this.attach(study)));
    this.attach(svc.study);
  }

  /** What the context key was last set to. */
  get hasTranscripts(): boolean {
    return this._value;
  }

  private attach(study: Study | undefined): void {
    this.studyListener.value = study?.onDidChange((e) => {
      if (e.documents || e.reloaded) {
        this.update();
      }
    });
    this.update();
  }

  private update(): void {
    this._value = (this.svc.study?.documents.length ?? 0) > 0;
    setContext(ContextKey.hasTranscripts, this._value);
  }
}

export class WelcomeFeature extends Disposable {
  readonly transcripts: TranscriptsContext;

  constructor(context: vscode.ExtensionContext, svc: StudyService) {
    super();
    this.transcripts = this._register(new TranscriptsContext(svc));
    this._register(welcomeLook(context, svc));
  }
}

export const welcomeFeature: Feature<WelcomeFeature> = ({ extension, service }) => new WelcomeFeature(extension, service);

function welcomeLook(context: vscode.ExtensionContext, svc: StudyService): vscode.Disposable {
  const openWalkthrough = registerCommand(Command.openWalkthrough, () =>
    vscode.commands.executeCommand('workbench.action.openWalkthrough', WALKTHROUGH_ID, false),
  );
  const onStudy = svc.onDidChangeStudy((study) => {
    if (!study || context.workspaceState.get<boolean>(SEEN_KEY)) {
      return;
    }
    if (!vscode.workspace.getConfiguration('codeboom').get<boolean>('welcome.onFirstOpen', true)) {
      return;
    }
    void context.workspaceState.update(SEEN_KEY, true);
    void showFirstLook(svc, study);
  });
  return vscode.Disposable.from(openWalkthrough, onStudy);
}

async function showFirstLook(svc: StudyService, study: Study): Promise<void> {
  await vscode.commands.executeCommand('workbench.view.extension.codeboom');
  const doc = firstTranscript(study);
  if (doc && vscode.window.visibleTextEditors.length === 0) {
    const editor = await vscode.window.showTextDocument(svc.uriOf(doc), { preview: false });
    const first = study.codingsOf(doc).find((c) => !c.orphaned);
    if (first) {
      const pos = editor.document.positionAt(first.start);
      editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.AtTop);
    }
  }
  const walkthrough = vscode.l10n.t('Open the Walkthrough');
  const picked = await vscode.window.showInformationMessage(
    vscode.l10n.t(
      'Welcome to Codeboom: {0} is open. The walkthrough shows how to code, organise the codeboom and build the tables.',
      study.name,
    ),
    walkthrough,
  );
  if (picked === walkthrough) {
    await vscode.commands.executeCommand(Command.openWalkthrough);
  }
}
