/**
 * The optional language-model rerank of Suggest Codings for This Transcript (issue 18): only when
 * the setting `codeboom.suggestions.languageModel` is on (off by default) and the study is not
 * confidential, VS Code's language model API (`vscode.lm`, e.g. through Copilot) is asked to order
 * each proposal's candidate codes; what is sent is src/core/suggest/rerank.ts's prompt. The models
 * are reached through a port, so tests observe every call. Without a model, or when it fails, the
 * engine's own order stays: everything works without it.
 */
import * as vscode from 'vscode';
import { RERANK_BATCH, parseRerank, rerankPrompt } from '../core/suggest';
import type { Proposal, RerankItem, StudySuggester, Suggestion } from '../core/suggest';
import type { Study } from '../core/study';
import { proposalKey } from '../core/suggest';

/** What the rerank needs of a chat model (a `vscode.LanguageModelChat` is one). */
export interface ChatModel {
  sendRequest(
    messages: vscode.LanguageModelChatMessage[],
    options?: vscode.LanguageModelChatRequestOptions,
    token?: vscode.CancellationToken,
  ): Thenable<{ readonly text: AsyncIterable<string> }>;
}

/** The port to VS Code's language models (tests put an observing one in its place). */
export interface LanguageModelPort {
  selectChatModels(): Thenable<readonly ChatModel[]>;
}

export const vscodeLanguageModels: LanguageModelPort = {
  selectChatModels: () => vscode.lm.selectChatModels(),
};

export const LANGUAGE_MODEL_SETTING = 'suggestions.languageModel';

/** Whether the rerank may run for this study: the setting is on and the study is not confidential. */
export function rerankAllowed(study: Study): boolean {
  const on = vscode.workspace.getConfiguration('codeboom').get<boolean>(LANGUAGE_MODEL_SETTING, false);
  return on && study.project.confidential !== true;
}

/** Candidates per proposal: the engine's best five that were not rejected for the passage. */
const CANDIDATES = 5;

/**
 * The proposals with each one's code chosen by the language model among the engine's candidates
 * (the proposals unchanged when the rerank is not allowed, no model is offered or it fails).
 */
export async function rerankProposals(
  study: Study,
  suggester: StudySuggester,
  proposals: readonly Proposal[],
  port: LanguageModelPort,
  rejected: ReadonlySet<string>,
  token?: vscode.CancellationToken,
): Promise<Proposal[]> {
  if (proposals.length === 0 || !rerankAllowed(study)) {
    return [...proposals];
  }
  const [model] = await port.selectChatModels();
  if (!model) {
    return [...proposals];
  }
  const suggestions = proposals.map((p) =>
    suggester
      .suggest(p.passage, { limit: CANDIDATES + 5 })
      .filter((s) => !rejected.has(proposalKey(p.doc, p.passage, s.code)))
      .slice(0, CANDIDATES),
  );
  const out = [...proposals];
  try {
    for (let at = 0; at < proposals.length; at += RERANK_BATCH) {
      const batch = proposals.slice(at, at + RERANK_BATCH);
      const items: RerankItem[] = batch.map((p, i) => ({
        passage: p.passage,
        candidates: suggestions[at + i].map((s) => ({
          code: s.code,
          label: study.pathLabel(s.code),
          definition: study.code(s.code)?.definition,
        })),
      }));
      const response = await model.sendRequest([vscode.LanguageModelChatMessage.User(rerankPrompt(items))], {}, token);
      let answer = '';
      for await (const part of response.text) {
        answer += part;
      }
      parseRerank(answer, items).forEach((order, i) => {
        const chosen: Suggestion | undefined = suggestions[at + i][order[0]];
        const p = batch[i];
        if (chosen && chosen.code !== p.code) {
          out[at + i] = {
            ...p,
            key: proposalKey(p.doc, p.passage, chosen.code),
            code: chosen.code,
            confidence: chosen.confidence,
            reason: `${chosen.reason} · ${vscode.l10n.t('ranked first by the language model')}`,
          };
        }
      });
    }
  } catch (e) {
    void vscode.window.showWarningMessage(
      vscode.l10n.t(
        'Codeboom: the language model did not answer ({0}); the suggestions are the engine’s own.',
        e instanceof Error ? e.message : String(e),
      ),
    );
    return [...proposals];
  }
  return out;
}
