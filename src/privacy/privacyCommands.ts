/**
 * The privacy commands: find names for the pseudonym list, pseudonymise (a preview of every
 * replacement, untick some, then apply), check, re-identify, open the list. Each takes its
 * choices as arguments, so tests and scripts run it without dialogs, and asks only for what is missing.
 */
import * as vscode from 'vscode';
import * as l10n from '@vscode/l10n';
import { Disposable } from '../platform/lifecycle';
import { registerCommand } from '../platform/commands';
import { Command } from '../platform/ids';
import { StudyError } from '../core/study';
import { append } from '../core/port';
import {
  checkPseudonyms,
  describeLeft,
  fileTexts,
  findCandidates,
  reversedList,
  selfMatchingEntries,
  serializeKeyFile,
  suggestedReplacement,
  withEntries,
  type Candidate,
  type PseudonymEntry,
  type PseudonymLeft,
  type PseudonymList,
  type PseudonymisationPlan,
} from '../core/pseudonyms';
import type { StudyService } from '../study/studyService';
import { studyCheckTexts, studyKeyFile, studyPseudonymList } from '../study/pseudonymKey';
import { registerMemberCheck } from './memberCheck';
import { applyPlan, makePlan, transcriptTexts, type ApplyResult } from './apply';

/** `accept`: the candidates' texts to add (with a replacement, else the suggested one); without it, a pick list. */
interface FindArgs {
  readonly accept?: ReadonlyArray<string | { readonly term: string; readonly replacement?: string }>;
}

/** `skip`: occurrences ("path:offset") left as they are; `confirm: true` applies without the preview. */
interface ApplyArgs {
  readonly skip?: readonly string[];
  readonly confirm?: boolean;
}

const obj = (a: unknown): Record<string, unknown> => (a && typeof a === 'object' ? (a as Record<string, unknown>) : {});

/** Files from a command's arguments: URIs or absolute paths. */
const urisOf = (a: unknown): vscode.Uri[] =>
  Array.isArray(a) ? a.flatMap((f) => (f instanceof vscode.Uri ? [f] : typeof f === 'string' ? [vscode.Uri.file(f)] : [])) : [];

export class PrivacyCommands extends Disposable {
  constructor(private readonly service: StudyService) {
    super();
    this._register(registerCommand(Command.findPseudonymCandidates, (a?: unknown) => this.find(obj(a) as FindArgs)));
    this._register(registerCommand(Command.pseudonymise, (a?: unknown) => this.pseudonymise(obj(a) as ApplyArgs)));
    this._register(registerCommand(Command.checkPseudonyms, (a?: unknown) => this.check(obj(a).quiet === true, urisOf(obj(a).files))));
    this._register(registerCommand(Command.reidentify, (a?: unknown) => this.reidentify(obj(a) as ApplyArgs)));
    this._register(registerCommand(Command.openPseudonymList, () => this.openList()));
    this._register(registerMemberCheck(service));
  }

  private requireStudy(): void {
    if (!this.service.study || !this.service.root) {
      throw new StudyError(l10n.t('Open a study first.'));
    }
  }

  /** Adds candidates to the list (creating the key file); returns the list written, or undefined when nothing was chosen. */
  async find(args: FindArgs): Promise<PseudonymList | undefined> {
    this.requireStudy();
    const key = studyKeyFile(this.service);
    const list = (await studyPseudonymList(this.service)) ?? { version: 1 as const, entries: [] };
    const listed = new Set(list.entries.map((e) => e.term.toLowerCase()));
    const candidates = findCandidates(transcriptTexts(this.service)).filter((c) => !listed.has(c.text.toLowerCase()));
    let chosen: Array<{ candidate?: Candidate; term: string; replacement?: string }>;
    if (args.accept) {
      chosen = args.accept.map((a) => (typeof a === 'string' ? { term: a } : { term: a.term, replacement: a.replacement }));
      chosen = chosen.map((c) => ({ ...c, candidate: candidates.find((x) => x.text === c.term) }));
    } else {
      const picked = await vscode.window.showQuickPick(
        candidates.map((c) => ({
          label: c.text,
          description: vscode.l10n.t('{0} · {1}×', kindWord(c.kind), c.count),
          detail: c.places.map((p) => `${p.path}: ${p.context}`).join('  ·  '),
          candidate: c,
        })),
        {
          canPickMany: true,
          matchOnDetail: true,
          title: vscode.l10n.t('Names to pseudonymise: tick those to add to the pseudonym list'),
          placeHolder: vscode.l10n.t('The list is kept in {0}, outside the study by default', key.label),
        },
      );
      if (!picked || picked.length === 0) {
        return undefined;
      }
      chosen = picked.map((p) => ({ candidate: p.candidate, term: p.candidate.text }));
    }
    let next = list;
    for (const c of chosen) {
      const entry: PseudonymEntry = { term: c.term, replacement: c.replacement ?? suggestedReplacement(c.candidate?.kind ?? 'name', next) };
      next = withEntries(next, [entry]);
    }
    await key.write(serializeKeyFile(next));
    if (!args.accept) {
      const open = vscode.l10n.t('Open the List');
      void vscode.window
        .showInformationMessage(vscode.l10n.t('Added {0} names to the pseudonym list {1}.', chosen.length, key.label), open)
        .then((a) => (a === open ? vscode.commands.executeCommand('vscode.open', key.uri) : undefined));
    }
    return next;
  }

  private async requireList(): Promise<PseudonymList> {
    this.requireStudy();
    const list = await studyPseudonymList(this.service);
    if (!list || list.entries.length === 0) {
      throw new StudyError(
        l10n.t('There is no pseudonym list yet ({0}): run Find Names to Pseudonymise first.'),
        studyKeyFile(this.service).label,
      );
    }
    return list;
  }

  async pseudonymise(args: ApplyArgs): Promise<ApplyResult | undefined> {
    const list = await this.requireList();
    const clash = selfMatchingEntries(list);
    if (clash.length > 0) {
      throw new StudyError(
        l10n.t('The replacement of {0} contains a listed name itself; change it in the pseudonym list first.'),
        clash.join(', '),
      );
    }
    return this.run(list, args, vscode.l10n.t('Pseudonymise transcripts'));
  }

  async reidentify(args: ApplyArgs): Promise<ApplyResult | undefined> {
    const list = await this.requireList();
    return this.run(reversedList(list), args, vscode.l10n.t('Re-identify transcripts'));
  }

  private async run(list: PseudonymList, args: ApplyArgs, label: string): Promise<ApplyResult | undefined> {
    let skip = new Set(args.skip ?? []);
    const full = makePlan(this.service, list);
    if (!args.confirm) {
      const kept = await preview(full, label);
      if (!kept) {
        return undefined;
      }
      skip = kept;
    }
    const plan = skip.size > 0 ? makePlan(this.service, list, (path, offset) => !skip.has(`${path}:${offset}`)) : full;
    const result = await applyPlan(this.service, plan, label);
    if (!args.confirm) {
      void vscode.window.showInformationMessage(
        vscode.l10n.t(
          '{0}: {1} replacements in {2} transcripts; codings moved with them. Undo with Codeboom: Undo. Backup: {3}',
          label,
          result.replacements,
          result.transcripts,
          result.backup?.scheme === 'file' ? result.backup.fsPath : String(result.backup ?? ''),
        ),
      );
    }
    return result;
  }

  /** The listed names still in the study (and where); shown unless `quiet`. */
  /**
   * Checks the study's texts and the files given (exports, .qdpx archives, .docx: their text entries);
   * interactively, a passed check offers to check export files as well.
   */
  async check(quiet: boolean, files: readonly vscode.Uri[] = []): Promise<PseudonymLeft[]> {
    this.requireStudy();
    const list = await studyPseudonymList(this.service);
    if (!list) {
      throw new StudyError(
        l10n.t('There is no pseudonym list yet ({0}): run Find Names to Pseudonymise first.'),
        studyKeyFile(this.service).label,
      );
    }
    const texts = await studyCheckTexts(this.service);
    for (const uri of files) {
      const read = fileTexts(uri.path.slice(uri.path.lastIndexOf('/') + 1), await vscode.workspace.fs.readFile(uri));
      append(texts, read.texts);
    }
    const left = checkPseudonyms(list, texts);
    if (quiet) {
      return left;
    }
    if (left.length === 0) {
      const more = vscode.l10n.t('Check Files…');
      const answer = await vscode.window.showInformationMessage(
        files.length
          ? vscode.l10n.t('Pseudonym check passed: none of the {0} listed names is in the study or the files checked.', list.entries.length)
          : vscode.l10n.t('Pseudonym check passed: none of the {0} listed names is in the study.', list.entries.length),
        more,
      );
      if (answer === more) {
        const picked = await vscode.window.showOpenDialog({
          canSelectMany: true,
          title: vscode.l10n.t('Check exports and archives for listed names'),
          openLabel: vscode.l10n.t('Check'),
        });
        return picked?.length ? this.check(false, picked) : left;
      }
      return left;
    }
    const byPath = new Map(texts.map((t) => [t.path, t.text]));
    const picked = await vscode.window.showQuickPick(
      left.map((l) => ({ label: describeLeft(l, list, byPath.get(l.path)), left: l })),
      { title: vscode.l10n.t('Pseudonym check: {0} listed names remain', left.length) },
    );
    if (picked && this.service.study?.document(picked.left.path)) {
      const uri = this.service.uriOf(picked.left.path);
      const doc = await vscode.workspace.openTextDocument(uri);
      const at = doc.positionAt(picked.left.offset);
      await vscode.window.showTextDocument(doc, {
        selection: new vscode.Range(at, doc.positionAt(picked.left.offset + picked.left.text.length)),
      });
    }
    return left;
  }

  private async openList(): Promise<void> {
    this.requireStudy();
    const key = studyKeyFile(this.service);
    if ((await key.read()) === undefined) {
      await key.write(serializeKeyFile({ version: 1, entries: [] }));
    }
    await vscode.commands.executeCommand('vscode.open', key.uri);
  }
}

function kindWord(kind: Candidate['kind']): string {
  switch (kind) {
    case 'email':
      return vscode.l10n.t('e-mail address');
    case 'phone':
      return vscode.l10n.t('phone number');
    case 'postcode':
      return vscode.l10n.t('postcode');
    case 'speaker':
      return vscode.l10n.t('speaker');
    default:
      return vscode.l10n.t('name');
  }
}

/**
 * Every replacement in its context, all ticked; returns the unticked ones ("path:offset"), or
 * undefined when the preview was closed.
 */
async function preview(plan: PseudonymisationPlan, label: string): Promise<Set<string> | undefined> {
  const items = plan.transcripts.flatMap((t) =>
    t.replacements.map((r) => ({
      label: `${r.old} → ${r.new}`,
      description: t.path,
      detail: contextOf(plan, t.path, r.offset),
      key: `${t.path}:${r.offset}`,
      picked: true,
    })),
  );
  if (items.length === 0) {
    void vscode.window.showInformationMessage(vscode.l10n.t('No listed name is in the transcripts.'));
    return undefined;
  }
  const picked = await vscode.window.showQuickPick(items, {
    canPickMany: true,
    matchOnDescription: true,
    matchOnDetail: true,
    title: vscode.l10n.t('{0}: {1} replacements — untick those to leave as they are', label, items.length),
  });
  if (!picked) {
    return undefined;
  }
  const kept = new Set(picked.map((p) => p.key));
  return new Set(items.filter((i) => !kept.has(i.key)).map((i) => i.key));
}

/** The line around a replacement in the new text, the replacement itself shown as [old → new]. */
function contextOf(plan: PseudonymisationPlan, path: string, offset: number): string {
  const t = plan.transcripts.find((x) => x.path === path)!;
  let delta = 0;
  for (const r of t.replacements) {
    if (r.offset >= offset) {
      break;
    }
    delta += r.new.length - r.length;
  }
  const at = offset + delta;
  const r = t.replacements.find((x) => x.offset === offset)!;
  const lineStart = t.text.lastIndexOf('\n', at - 1) + 1;
  let start = Math.max(lineStart, at - 50);
  // From a word's start, not halfway through one.
  if (start > lineStart) {
    const space = t.text.indexOf(' ', start);
    start = space >= 0 && space < at ? space + 1 : start;
  }
  const nl = t.text.indexOf('\n', at + r.new.length);
  const lineEnd = nl < 0 ? t.text.length : nl;
  let end = Math.min(lineEnd, at + r.new.length + 50);
  if (end < lineEnd) {
    const space = t.text.lastIndexOf(' ', end);
    end = space > at + r.new.length ? space : end;
  }
  const before = `${start > lineStart ? '…' : ''}${t.text.slice(start, at)}`;
  return `${before}[${r.old} → ${r.new}]${t.text.slice(at + r.new.length, end)}${end < lineEnd ? '…' : ''}`;
}
