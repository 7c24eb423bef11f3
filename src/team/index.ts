/**
 * Teams through git (issue 20): Set Up Git for This Study (the merge driver and LF line ends),
 * codings that follow their transcript when it is renamed or moved (in VS Code, or outside it:
 * then re-linked on request), and the supervisor's Coding Progress view with the codebook's history.
 */
import type { Feature } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { GitSetup } from './gitSetup';
import { RenameFollower } from './renames';
import { CodingProgressView } from './progress';
import { OutsideRenames } from './outsideRenames';

export type { SetUpGitArgs, SetUpGitResult } from './gitSetup';
export type { ExportProgressArgs, ProgressAgreementArgs } from './progress';

export class TeamFeature extends Disposable {
  readonly gitSetup: GitSetup;
  readonly renames: RenameFollower;
  readonly progress: CodingProgressView;
  readonly outsideRenames: OutsideRenames;
  constructor(ctx: Parameters<Feature>[0]) {
    super();
    this.gitSetup = this._register(new GitSetup(ctx));
    this.renames = this._register(new RenameFollower(ctx.service));
    this.progress = this._register(new CodingProgressView(ctx.service));
    this.outsideRenames = this._register(new OutsideRenames(ctx.service, () => this.renames.last));
  }
}

export const teamFeature: Feature<TeamFeature> = (ctx) => new TeamFeature(ctx);
