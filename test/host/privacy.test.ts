// Pseudonymisation in a real extension host (issue 17): names accepted into the key file (beside the
// study), the transcripts rewritten with a backup first — one of them open in an editor — every
// coding still on the same words with its quote from the new text, the check passing; then one
// undo puts the transcripts, the codings and the disk back as they were.
import * as assert from 'assert';
import * as vscode from 'vscode';
import { writeZip } from '../../src/core/refi/zip';
import { api, readText, until, workspaceRoot } from './util';
import type { ApplyResult } from '../../src/privacy/apply';
import type { PseudonymLeft, PseudonymList } from '../../src/core/pseudonyms';
import { compileList, pseudonymiseString } from '../../src/core/pseudonyms';

const TERM = 'Defensie';
const LIST = { entries: [{ term: TERM, replacement: '[ministerie]' }] };

/**
 * A file's text, or undefined while it is not there: on a file system reached through
 * vscode.workspace.fs (the browser), a rename over a file deletes the target first, so a poll can
 * fall between the two.
 */
async function textIfThere(uri: vscode.Uri): Promise<string | undefined> {
  return readText(uri).catch(() => undefined);
}

describe('Pseudonymise and undo (real extension host)', () => {
  const root = workspaceRoot();
  const name = root.path.slice(root.path.lastIndexOf('/') + 1);
  const key = vscode.Uri.joinPath(root, '..', `${name}.pseudonyms.json`);

  after(async () => {
    await vscode.commands.executeCommand('workbench.action.closeAllEditors');
    await vscode.workspace.fs.delete(key).then(undefined, () => undefined);
    // Every backup folder the steps made (pseudonymise, re-identify) beside the key.
    for (const [entry] of await vscode.workspace.fs.readDirectory(vscode.Uri.joinPath(root, '..'))) {
      if (entry.startsWith(`${name}.backup-`)) {
        await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, '..', entry), { recursive: true });
      }
    }
  });

  it('rewrites transcripts, codings and quotes as one step (backup first), and one undo restores everything', async () => {
    const { service } = await api();
    const study = service.study!;
    const store = service.store!;
    const docs = study.documents.map((d) => d.path).filter((p) => store.text(p)!.includes(TERM));
    assert.ok(docs.length > 0, `the sample has ${TERM}`);
    const before = new Map(study.documents.map((d) => [d.path, store.text(d.path)!]));
    const codings = new Map([...study.allCodings()].map((c) => [c.id, { ...c }]));
    const editor = await vscode.window.showTextDocument(service.uriOf(docs[0]));

    const list = await vscode.commands.executeCommand<PseudonymList>('codeboom.findPseudonymCandidates', {
      accept: [{ term: TERM, replacement: '[ministerie]' }],
    });
    assert.deepStrictEqual(list.entries, LIST.entries);
    assert.match(await readText(key), /"term": "Defensie"/);

    const result = await vscode.commands.executeCommand<ApplyResult>('codeboom.pseudonymise', { confirm: true });
    assert.strictEqual(result.transcripts, docs.length);
    assert.match(await readText(vscode.Uri.joinPath(result.backup!, ...docs[0].split('/'))), /Defensie/, 'the backup holds the old text');
    const matchers = compileList(LIST);
    for (const doc of docs) {
      const onDisk = await readText(service.uriOf(doc));
      assert.strictEqual(onDisk, pseudonymiseString(before.get(doc)!, matchers));
      assert.strictEqual(store.text(doc), onDisk);
    }
    for (const c of study.allCodings()) {
      const old = codings.get(c.id)!;
      assert.strictEqual(c.quote, pseudonymiseString(old.quote, matchers), `${c.id}: the same words, pseudonymised`);
      // an orphan (its text was edited away before) keeps no place in the text, only its quote
      if (!c.orphaned) {
        assert.strictEqual(store.text(c.doc)!.slice(c.start, c.end), c.quote, `${c.id} sits on its quote`);
      }
    }
    const left = await vscode.commands.executeCommand<PseudonymLeft[]>('codeboom.checkPseudonyms', { quiet: true });
    assert.deepStrictEqual(left, []);
    // Exports made before still hold the name: the check of files finds it, in a plain file and inside an archive.
    const exported = vscode.Uri.joinPath(root, '..', `export-${Date.now()}.md`);
    const archive = vscode.Uri.joinPath(root, '..', `archive-${Date.now()}.qdpx`);
    await vscode.workspace.fs.writeFile(exported, new TextEncoder().encode(`# Codeboek\n\nIemand van ${TERM} zei het.\n`));
    await vscode.workspace.fs.writeFile(
      archive,
      writeZip([['project.qde', new TextEncoder().encode(`<Project><Note>${TERM}</Note></Project>`)]]),
    );
    try {
      const inFiles = await vscode.commands.executeCommand<PseudonymLeft[]>('codeboom.checkPseudonyms', {
        quiet: true,
        files: [exported, archive],
      });
      assert.strictEqual(inFiles.length, 2, JSON.stringify(inFiles));
      assert.ok(inFiles.every((l) => l.text === TERM));
      assert.ok(
        inFiles.some((l) => l.path.includes('export-')) && inFiles.some((l) => l.path.includes('project.qde')),
        JSON.stringify(inFiles),
      );
    } finally {
      await vscode.workspace.fs.delete(exported);
      await vscode.workspace.fs.delete(archive);
    }
    await until('the open editor to show the new text', () => !editor.document.getText().includes(TERM) || undefined);

    // Re-identify (its own step) gives the names back; undoing it pseudonymises again.
    const back = await vscode.commands.executeCommand<ApplyResult>('codeboom.reidentify', { confirm: true });
    assert.strictEqual(back.transcripts, docs.length);
    for (const doc of docs) {
      assert.strictEqual(await readText(service.uriOf(doc)), before.get(doc));
    }
    await vscode.commands.executeCommand('codeboom.undo');
    for (const doc of docs) {
      await until(
        `${doc} pseudonymised again`,
        async () => ((await textIfThere(service.uriOf(doc))) ?? TERM).includes(TERM) === false || undefined,
      );
    }

    await vscode.commands.executeCommand('codeboom.undo');
    for (const doc of docs) {
      await until(`${doc} back on disk`, async () => (await textIfThere(service.uriOf(doc))) === before.get(doc) || undefined);
      assert.strictEqual(store.text(doc), before.get(doc));
    }
    for (const c of study.allCodings()) {
      const old = codings.get(c.id)!;
      assert.deepStrictEqual([c.start, c.end, c.quote, c.prefix, c.suffix], [old.start, old.end, old.quote, old.prefix, old.suffix], c.id);
    }
    await until('the open editor to show the old text', () => editor.document.getText() === before.get(docs[0]) || undefined);
    await service.flush();
    for (const c of study.allCodings()) {
      assert.strictEqual(!!c.orphaned, !!codings.get(c.id)!.orphaned, `${c.id}: orphaned as before, no more`);
    }
  });
});

describe('Member check and a confidential study (real extension host)', () => {
  const root = workspaceRoot();
  const out = vscode.Uri.joinPath(root, '..', `member-check-${Date.now()}`);
  let project: string | undefined;

  after(async () => {
    const { service } = await api();
    await vscode.workspace.fs.delete(out, { recursive: true }).then(undefined, () => undefined);
    if (project !== undefined) {
      await vscode.workspace.fs.writeFile(vscode.Uri.joinPath(root, 'codeboom.json'), new TextEncoder().encode(project));
      await until('the study to be not confidential again', () => service.study?.project.confidential === undefined || undefined, 10000);
    }
  });

  it('exports a transcript’s member check as .docx whose text (mammoth) is the transcript’s, with arguments', async () => {
    const { service } = await api();
    const study = service.study!;
    const doc = study.documents[0].path;
    const file = vscode.Uri.joinPath(out, 'a.docx');
    const written = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportMemberCheck', {
      doc,
      format: 'docx',
      uri: file,
      open: false,
    });
    assert.strictEqual(written?.toString(), file.toString());
    const { readDocxWithMammoth } = await import('../../src/platform/docxText');
    const text = await readDocxWithMammoth(await vscode.workspace.fs.readFile(file));
    const body = service.store!.text(doc)!.slice(study.document(doc)!.bodyStart);
    const firstTurn = body
      .split(/\n\s*\n/)
      .find((b) => b.trim() !== '')!
      .trim()
      .replace(/\*\*/g, '');
    assert.ok(text.includes(firstTurn), 'the transcript’s first paragraph');
  });

  it('a confidential study’s export refuses without a passing check, and writes the override reason into its header', async () => {
    const { service } = await api();
    const file = vscode.Uri.joinPath(root, 'codeboom.json');
    project = await readText(file);
    await vscode.workspace.fs.writeFile(
      file,
      new TextEncoder().encode(JSON.stringify({ ...JSON.parse(project), confidential: true }, null, 2)),
    );
    await until('the study to be confidential', () => service.study?.project.confidential === true || undefined, 10000);
    const refused = await vscode.commands.executeCommand('codeboom.exportCodebook', {
      uri: vscode.Uri.joinPath(out, 'refused.md'),
      format: 'markdown',
      open: false,
      override: false,
    });
    assert.strictEqual(refused, undefined);
    await assert.rejects(Promise.resolve(vscode.workspace.fs.stat(vscode.Uri.joinPath(out, 'refused.md'))));
    const target = vscode.Uri.joinPath(out, 'codebook.md');
    await vscode.commands.executeCommand('codeboom.exportCodebook', {
      uri: target,
      format: 'markdown',
      open: false,
      override: 'own archive',
    });
    assert.match(await readText(target), /^> \*\*.*\(override: own archive\)\.\*\*\n\n/);
  });
});

describe('A pseudonym key inside the study (real extension host)', () => {
  const root = workspaceRoot();
  const projectFile = vscode.Uri.joinPath(root, 'codeboom.json');
  const gitignore = vscode.Uri.joinPath(root, '.gitignore');
  let project: string | undefined;
  let hadGitignore: string | undefined;

  after(async () => {
    const { service } = await api();
    await vscode.workspace.fs.delete(vscode.Uri.joinPath(root, 'private'), { recursive: true }).then(undefined, () => undefined);
    await vscode.workspace.fs
      .delete(vscode.Uri.joinPath(root, '.codeboom', 'backups'), { recursive: true })
      .then(undefined, () => undefined);
    if (hadGitignore === undefined) {
      await vscode.workspace.fs.delete(gitignore).then(undefined, () => undefined);
    } else {
      await vscode.workspace.fs.writeFile(gitignore, new TextEncoder().encode(hadGitignore));
    }
    if (project !== undefined) {
      await vscode.workspace.fs.writeFile(projectFile, new TextEncoder().encode(project));
      await until('the key setting to be gone', () => service.study?.project.pseudonymKey === undefined || undefined, 10000);
    }
  });

  it('writes the .gitignore line before the key, and keeps the backup under .codeboom/backups, git-ignored too', async () => {
    const { service } = await api();
    project = await readText(projectFile);
    hadGitignore = await readText(gitignore).catch(() => undefined);
    await vscode.workspace.fs.writeFile(
      projectFile,
      new TextEncoder().encode(JSON.stringify({ ...JSON.parse(project), pseudonymKey: 'private/key.json' }, null, 2)),
    );
    await until('the key setting', () => service.study?.project.pseudonymKey === 'private/key.json' || undefined, 10000);
    await vscode.commands.executeCommand('codeboom.findPseudonymCandidates', { accept: [{ term: TERM, replacement: '[ministerie]' }] });
    assert.match(await readText(vscode.Uri.joinPath(root, 'private', 'key.json')), /Defensie/);
    assert.match(await readText(gitignore), /^\/private\/key\.json$/m);
    const result = await vscode.commands.executeCommand<ApplyResult>('codeboom.pseudonymise', { confirm: true });
    assert.ok(result.backup!.path.includes('/.codeboom/backups/pseudonymise-'), result.backup!.path);
    const ignored = await readText(gitignore);
    assert.ok(ignored.includes(`/${result.backup!.path.slice(root.path.length + 1)}\n`), ignored);
    const before = service.study!.documents.length;
    await vscode.commands.executeCommand('codeboom.undo');
    const doc = service.study!.documents.find((d) => service.store!.text(d.path)!.includes(TERM))!;
    await until('the transcript back on disk', async () => (await textIfThere(service.uriOf(doc.path)))?.includes(TERM) || undefined);
    assert.strictEqual(service.study!.documents.length, before, 'the backup’s transcripts are no transcripts of the study');
  });
});
