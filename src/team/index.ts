/**
 * Teams through git (issue 20): Set Up Git for This Study (the merge driver and LF line ends) and
 * codings that follow their transcript when it is renamed or moved.
 */
import type { Feature } from '../feature';
import { Disposable } from '../platform/lifecycle';
import { GitSetup } from './gitSetup';
import { RenameFollower } from './renames';

export type { SetUpGitArgs, SetUpGitResult } from './gitSetup';

export class TeamFeature extends Disposable {
  readonly gitSetup: GitSetup;
  readonly renames: RenameFollower;
  constructor(ctx: Parameters<Feature>[0]) {
    super();
    this.gitSetup = this._register(new GitSetup(ctx));
    this.renames = this._register(new RenameFollower(ctx.service));
  }
}

export const teamFeature: Feature<TeamFeature> = (ctx) => new TeamFeature(ctx);
