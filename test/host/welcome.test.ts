import * as assert from 'assert';
import * as os from 'os';
import * as path from 'path';
import * as fs from 'fs';
import * as vscode from 'vscode';
import { api, until, workspaceRoot } from './util';

interface Step {
  readonly id: string;
  readonly title: string;
  readonly when?: string;
}

describe('welcome: the walkthrough does not suggest adding transcripts when the study has some (real extension host)', () => {
  it('sets codeboom.hasTranscripts from the open study, and the walkthrough steps follow it', async () => {
    const { service, welcome } = await api();
    assert.ok(service.study!.documents.length > 0);
    assert.strictEqual(welcome.transcripts.hasTranscripts, true, 'the sample has transcripts');

    const ext = vscode.extensions.getExtension('codeboom.codeboom')!;
    const steps = (ext.packageJSON.contributes.walkthroughs[0].steps as Step[]).filter((s) => /^transcripts/.test(s.id));
    const add = steps.find((s) => s.id === 'transcripts')!;
    const present = steps.find((s) => s.id === 'transcriptsPresent')!;
    assert.strictEqual(add.when, '!codeboom.hasTranscripts', 'the “add transcripts” step hides when there are some');
    assert.strictEqual(present.when, 'codeboom.hasTranscripts');

    // A study folder without transcripts: the key goes off; back to the sample: on again.
    const empty = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-empty-'));
    fs.copyFileSync(path.join(workspaceRoot().fsPath, 'codeboom.json'), path.join(empty, 'codeboom.json'));
    try {
      await service.open(vscode.Uri.file(empty));
      await until('a study without transcripts', () => service.study?.documents.length === 0 || undefined);
      assert.strictEqual(welcome.transcripts.hasTranscripts, false);
      // A transcript appears in the folder: the key follows.
      fs.mkdirSync(path.join(empty, 'transcripts'));
      fs.writeFileSync(path.join(empty, 'transcripts', 'R-1.md'), '---\ncase: X\nrespondent: R\n---\n\n**R:** Ja.\n');
      await service.reload();
      await until('the new transcript', () => welcome.transcripts.hasTranscripts || undefined);
    } finally {
      await service.open(workspaceRoot());
      fs.rmSync(empty, { recursive: true, force: true });
    }
    await until('the sample again', () => (service.study && service.study.documents.length > 1) || undefined);
    assert.strictEqual(welcome.transcripts.hasTranscripts, true);
  });
});
