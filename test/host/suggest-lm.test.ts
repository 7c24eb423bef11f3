import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, readText, until, workspaceRoot } from './util';
import type { Proposal } from '../../src/core/suggest';
import type { ChatModel, LanguageModelPort } from '../../src/suggest/languageModel';

/** An observing port: counts every model lookup and request, and answers each passage's candidates in reverse. */
function observingPort(): LanguageModelPort & { selects: number; prompts: string[] } {
  const port = {
    selects: 0,
    prompts: [] as string[],
    selectChatModels: () => {
      port.selects++;
      const model: ChatModel = {
        sendRequest: (messages: vscode.LanguageModelChatMessage[]) => {
          const prompt = messages
            .flatMap((m) => m.content)
            .map((p) => (p instanceof vscode.LanguageModelTextPart ? p.value : ''))
            .join('');
          port.prompts.push(prompt);
          const answer = [...candidatesOf(prompt).values()].map(
            (labels, i) => `P${i + 1}: ${labels.map((_, j) => `C${labels.length - j}`).join(', ')}`,
          );
          return Promise.resolve({
            text: (async function* () {
              yield answer.join('\n');
            })(),
          });
        },
      };
      return Promise.resolve([model]);
    },
  };
  return port;
}

/** Passage (one line) → its candidates' labels, from a prompt. */
function candidatesOf(prompt: string): Map<string, string[]> {
  const out = new Map<string, string[]>();
  let current: string[] | undefined;
  for (const line of prompt.split('\n')) {
    const p = /^P\d+: (.*)$/.exec(line);
    const c = /^ {2}C\d+: (.*?)(?: — .*)?$/.exec(line);
    if (p) {
      current = [];
      out.set(p[1], current);
    } else if (c && current) {
      current.push(c[1]);
    }
  }
  return out;
}

describe('code suggestions: the optional language model (real extension host)', () => {
  const doc = 'transcripts/B-2.md';
  const config = () => vscode.workspace.getConfiguration('codeboom');

  async function propose(): Promise<Proposal[]> {
    const { service } = await api();
    const study = service.study!;
    study.transact(
      'uncode all',
      study.codingsOf(doc).map((c) => ({ kind: 'removeCoding' as const, id: c.id })),
    );
    try {
      await vscode.window.showTextDocument(service.uriOf(doc), { preview: false });
      return (await vscode.commands.executeCommand('codeboom.suggestTranscript', { doc, minConfidence: 0.05 })) as Proposal[];
    } finally {
      study.undo();
    }
  }

  after(async () => {
    await config().update('suggestions.languageModel', undefined, vscode.ConfigurationTarget.Global);
    (await api()).suggest.languageModels = (await import('../../src/suggest/languageModel')).vscodeLanguageModels;
  });

  it('never asks a model with the setting off (the default) or for a confidential study; with it on, the model’s order is used', async () => {
    const { service, suggest } = await api();
    const port = observingPort();
    suggest.languageModels = port;
    assert.strictEqual(config().get('suggestions.languageModel'), false, 'off by default');
    const engine = await propose();
    assert.ok(engine.length >= 3, `${engine.length} proposals`);
    assert.deepStrictEqual([port.selects, port.prompts.length], [0, 0], 'setting off: no model looked up, nothing sent');

    await config().update('suggestions.languageModel', true, vscode.ConfigurationTarget.Global);
    const file = vscode.Uri.joinPath(workspaceRoot(), 'codeboom.json');
    const project = await readText(file);
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode(JSON.stringify({ ...JSON.parse(project), confidential: true }, null, 2)),
    );
    try {
      await until('the study to be confidential', () => service.study?.project.confidential === true || undefined, 10000);
      const confidential = await propose();
      assert.ok(confidential.length >= 3, `${confidential.length} proposals`);
      assert.deepStrictEqual([port.selects, port.prompts.length], [0, 0], 'confidential study: no model looked up, nothing sent');
    } finally {
      await vscode.workspace.fs.writeFile(file, new TextEncoder().encode(project));
      await until('the study to be not confidential again', () => service.study?.project.confidential === undefined || undefined, 10000);
    }

    const reranked = await propose();
    assert.strictEqual(port.selects, 1);
    assert.ok(port.prompts.length >= 1);
    const sent = new Map(port.prompts.flatMap((p) => [...candidatesOf(p)]));
    assert.strictEqual(reranked.length, engine.length);
    let changed = 0;
    reranked.forEach((p, i) => {
      const labels = sent.get(p.passage.replace(/\s+/g, ' ').trim());
      assert.ok(labels, 'the passage was sent');
      // The model answered each passage's candidates in reverse: its last candidate is proposed.
      assert.strictEqual(service.study!.pathLabel(p.code), labels[labels.length - 1]);
      assert.strictEqual(engine[i].passage, p.passage);
      if (labels.length > 1) {
        changed++;
        assert.notStrictEqual(p.code, engine[i].code);
        assert.match(p.reason, /ranked first by the language model/);
      }
    });
    assert.ok(changed > 0, 'some proposal had more than one candidate');
    // Only the passages and their candidates are sent: no other transcript's text, no file name.
    assert.ok(port.prompts.every((p) => !p.includes('B-2') && !p.includes('transcripts/')));
  });
});
