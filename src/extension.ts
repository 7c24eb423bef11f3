/**
 * Composition root: makes the model (the study service) and the shared context, then the features,
 * one line each. A feature is one function `(ctx) => Disposable` exported by its folder's index.ts
 * (see src/feature.ts and CONTRIBUTING.md); everything it registers is disposed with it.
 */
import type * as vscode from 'vscode';
import type { Feature, FeatureContext } from './feature';
import { StudyService } from './study/studyService';
import { ColorIcons } from './ui/colorIcons';
import { MACHINE } from './platform/machine';
import { studyFeature } from './study';
import { statusFeature } from './status';
import { codingFeature } from './coding';
import type { CodingFeature } from './coding';
import type { CodingCommands } from './coding/codingCommands';
import type { CodingDecorations } from './coding/decorations';
import { treeFeature } from './tree';
import type { TreeFeature } from './tree';
import { matrixFeature } from './matrix';
import type { MatrixFeature } from './matrix';
import { refiFeature } from './refi';
import { sheetsFeature } from './sheets';
import { transcriptsFeature } from './transcripts';
import { methodFeature } from './method';
import { welcomeFeature } from './welcome';
import type { WelcomeFeature } from './welcome';
import { marginFeature } from './margin';
import type { MarginFeature } from './margin';
import { suggestFeature } from './suggest';
import type { SuggestFeature } from './suggest';
import type { InlineLabels } from './coding/inlineLabels';
import { configureCoreL10n } from './l10n';
import { privacyFeature } from './privacy';
import { teamFeature } from './team';
import { agreementFeature } from './agreement';
import type { TeamFeature } from './team';

export interface CodeboomApi {
  readonly service: StudyService;
  readonly decorations: CodingDecorations;
  readonly coding: CodingCommands;
  /** Resolves once the first study lookup after activation has finished. */
  readonly ready: Promise<void>;
  /** Milliseconds from activate() being called to its return (the synchronous part). */
  readonly activationMs: number;
  /** Milliseconds from activate() being called until the study was loaded (set when ready resolves). */
  readonly timings: { readyMs?: number };
  /** The sidebar views (code tree, quotations, transcripts, literature factors) and their providers. */
  readonly tree: TreeFeature;
  /** The matrix panel and the analysis exports. */
  readonly matrix: MatrixFeature;
  /** The coding margin panel. */
  readonly margin: MarginFeature;
  /** The inline code labels in transcript editors. */
  readonly inlineLabels: InlineLabels;
  /** The first look and the context key that tells whether the study has transcripts. */
  readonly welcome: WelcomeFeature;
  /** Teams through git: set-up, renames followed, the Coding Progress view. */
  readonly team: TeamFeature;
  /** Suggest Codings for This Transcript: the review list and its language-model port. */
  readonly suggest: SuggestFeature;
}

let service: StudyService | undefined;

export function activate(context: vscode.ExtensionContext): CodeboomApi {
  const started = performance.now();
  configureCoreL10n();
  service = new StudyService(MACHINE);
  context.subscriptions.push(service);
  const ctx: FeatureContext = { extension: context, service, icons: new ColorIcons(context.globalStorageUri) };
  const use = <T extends vscode.Disposable>(feature: Feature<T>): T => {
    const instance = feature(ctx);
    context.subscriptions.push(instance);
    return instance;
  };

  use(studyFeature);
  use(statusFeature);
  const coding: CodingFeature = use(codingFeature);
  const tree = use(treeFeature);
  const matrix = use(matrixFeature);
  use(refiFeature);
  use(sheetsFeature);
  use(transcriptsFeature);
  use(methodFeature);
  const welcome = use(welcomeFeature);
  const margin = use(marginFeature);
  use(privacyFeature);
  const team = use(teamFeature);
  const suggest = use(suggestFeature);
  use(agreementFeature);

  const timings: { readyMs?: number } = {};
  const ready = openWorkspaceStudy(service).then(() => {
    timings.readyMs = performance.now() - started;
  });
  const activationMs = performance.now() - started;
  service.problems.output.appendLine(`Activated in ${activationMs.toFixed(1)} ms`);
  return {
    service,
    decorations: coding.decorations,
    coding: coding.commands,
    ready,
    activationMs,
    timings,
    tree,
    matrix,
    margin,
    inlineLabels: coding.inlineLabels,
    welcome,
    team,
    suggest,
  };
}

/** Opens the study of the workspace, if there is one. */
async function openWorkspaceStudy(svc: StudyService): Promise<void> {
  const root = await svc.findStudyRoot();
  if (root) {
    await svc.open(root);
  }
}

export async function deactivate(): Promise<void> {
  await service?.flush();
  service = undefined;
}
