/**
 * Choosing what the agreement check tests, in steps a researcher knows from ATLAS.ti's intercoder
 * agreement: the coders (when more than two coded the same transcripts), the codes or semantic
 * domains, the transcripts, and the method (character-based α family, or segment-based at an overlap).
 * Each step starts with everything chosen, so Enter through the steps tests all.
 */
import * as vscode from 'vscode';
import type { Study } from '../core/study';
import type { AgreementChoice, AgreementMethod } from '../core/agreement';
import { coderPairs } from '../core/agreement';
import { isCounted } from '../core/counting';
import { counted } from '../core/plural';

interface Picked<T> extends vscode.QuickPickItem {
  readonly value: T;
}

/** The coders that share a transcript with another coder. */
export function codersWithPartners(study: Study): string[] {
  const set = new Set(coderPairs(study).flat());
  return study.coders().filter((c) => set.has(c));
}

/** The transcripts at least two of the coders coded (counted codings). */
export function sharedByTwo(study: Study, coders: readonly string[]): string[] {
  return study.documents
    .filter(
      (d) =>
        new Set(
          study
            .codingsOf(d.path)
            .filter((c) => coders.includes(c.coder) && isCounted(study, c))
            .map((c) => c.coder),
        ).size >= 2,
    )
    .map((d) => d.path);
}

async function pickMany<T>(title: string, items: ReadonlyArray<Picked<T>>, placeHolder: string): Promise<T[] | undefined> {
  const picked = await vscode.window.showQuickPick(items, { title, placeHolder, canPickMany: true, ignoreFocusOut: true });
  return picked?.map((p) => p.value);
}

/** Step 1: the coders (all preselected), at least two. */
async function chooseCoders(study: Study, total: number): Promise<string[] | undefined> {
  const coders = codersWithPartners(study);
  if (coders.length <= 2) {
    return coders.length === 2 ? coders : undefined;
  }
  for (;;) {
    const chosen = await pickMany(
      vscode.l10n.t('Agreement (1/{0}): which coders?', total),
      coders.map((c) => ({ label: c, value: c, picked: true, description: study.project.coders.find((x) => x.id === c)?.name })),
      vscode.l10n.t('Two or more; with three or more, Krippendorff’s α family'),
    );
    if (!chosen || chosen.length >= 2) {
      return chosen;
    }
    void vscode.window.showWarningMessage(vscode.l10n.t('Codeboom: choose at least two coders.'));
  }
}

/** Step 2: the codes, each a semantic domain with its subcodes (the top-level codes preselected). */
async function chooseDomains(study: Study, step: string): Promise<Pick<AgreementChoice, 'codes' | 'domains'> | undefined> {
  const items = study.codes.map((c) => ({
    label: c.name,
    description: c.parent ? study.pathLabel(c.parent) : undefined,
    detail: study.children(c.id).length
      ? vscode.l10n.t('a domain with {0}', counted(study.subtree(c.id).length - 1, 'subcode'))
      : undefined,
    value: c.id,
    picked: c.parent === undefined,
  }));
  const chosen = await pickMany(
    vscode.l10n.t('Agreement ({0}): which codes or semantic domains?', step),
    items,
    vscode.l10n.t('Each code chosen is a domain with its subcodes'),
  );
  if (!chosen) {
    return undefined;
  }
  const top = study.children(undefined).map((c) => c.id);
  if (chosen.length === top.length && top.every((id) => chosen.includes(id))) {
    return {};
  }
  return { domains: chosen, codes: [...new Set(chosen.flatMap((id) => study.subtree(id)))] };
}

/** Step 3: the transcripts at least two of the coders coded (all preselected). */
async function chooseDocs(study: Study, coders: readonly string[], step: string): Promise<Pick<AgreementChoice, 'docs'> | undefined> {
  const docs = sharedByTwo(study, coders);
  const chosen = await pickMany(
    vscode.l10n.t('Agreement ({0}): which transcripts?', step),
    docs.map((d) => ({ label: study.sourceLabel(d), description: d, value: d, picked: true })),
    vscode.l10n.t('The transcripts at least two of the coders coded'),
  );
  if (!chosen) {
    return undefined;
  }
  return chosen.length === docs.length ? {} : { docs: chosen };
}

/** Step 4: the method, and for segments the overlap a match needs. */
async function chooseMethod(step: string): Promise<Pick<AgreementChoice, 'method' | 'overlap'> | undefined> {
  const items: Array<Picked<AgreementMethod>> = [
    {
      label: vscode.l10n.t('Character-based'),
      description: vscode.l10n.t('Krippendorff’s α-binary, cu-α, Cu-α per domain; κ and α per code'),
      value: 'characters',
    },
    {
      label: vscode.l10n.t('Segment-based'),
      description: vscode.l10n.t('as MAXQDA: a coded segment matches when the other coder’s overlaps it enough'),
      value: 'segments',
    },
  ];
  const method = await vscode.window.showQuickPick(items, {
    title: vscode.l10n.t('Agreement ({0}): which method?', step),
    ignoreFocusOut: true,
  });
  if (!method) {
    return undefined;
  }
  if (method.value === 'characters') {
    return { method: 'characters' };
  }
  const overlap = await vscode.window.showInputBox({
    title: vscode.l10n.t('Agreement: overlap a match needs (percent)'),
    value: '90',
    ignoreFocusOut: true,
    validateInput: (v) => {
      const n = Number(v.replace(/%$/, '').trim());
      return Number.isFinite(n) && n > 0 && n <= 100 ? undefined : vscode.l10n.t('A percentage above 0 and at most 100');
    },
  });
  return overlap === undefined ? undefined : { method: 'segments', overlap: Number(overlap.replace(/%$/, '').trim()) / 100 };
}

/** The coders and what is tested, asked step by step; undefined when the person cancels. */
export async function chooseAgreement(study: Study): Promise<{ coders: string[]; choice: AgreementChoice } | undefined> {
  const many = codersWithPartners(study).length > 2;
  const total = many ? 4 : 3;
  const coders = await chooseCoders(study, total);
  if (!coders) {
    if (codersWithPartners(study).length < 2) {
      void vscode.window.showInformationMessage(vscode.l10n.t('Codeboom: no two coders have coded the same transcript yet.'));
    }
    return undefined;
  }
  const at = (k: number): string => `${k + (many ? 1 : 0)}/${total}`;
  const domains = await chooseDomains(study, at(1));
  const docs = domains && (await chooseDocs(study, coders, at(2)));
  // segment-based agreement compares two coders
  const method = docs && (coders.length === 2 ? await chooseMethod(at(3)) : { method: 'characters' as const });
  return method ? { coders, choice: { ...domains, ...docs, ...method } } : undefined;
}
