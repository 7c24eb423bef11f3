import * as assert from 'assert';
import * as vscode from 'vscode';
import { strFromU8, unzipSync } from 'fflate';
import { api, readText, workspaceRoot } from './util';
import type { ExportReport, ImportReport } from '../../src/core/refi';
import type { CodebookImportResult } from '../../src/refi/refiCommands';

/** Folders and files beside the workspace (not inside it: the study would see them). */
function beside(name: string): vscode.Uri {
  return vscode.Uri.joinPath(workspaceRoot(), '..', `${name}-${Date.now()}`);
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

describe('REFI-QDA exchange (real extension host)', () => {
  const made: vscode.Uri[] = [];
  after(async () => {
    for (const uri of made) {
      await vscode.workspace.fs.delete(uri, { recursive: true }).then(undefined, () => undefined);
    }
  });

  it('exports the study as a .qdpx with every coding, including one made just now', async () => {
    const { service } = await api();
    const study = service.study!;
    const doc = 'transcripts/C-1.md';
    const text = service.store!.text(doc)!;
    const quote = text.slice(study.document(doc)!.bodyStart).match(/[A-Z][^.\n]{40,120}\./)![0];
    const start = text.indexOf(quote);
    const id = globalThis.crypto.randomUUID();
    study.transact('test coding', [
      {
        kind: 'addCoding',
        coding: {
          id,
          doc,
          coder: 'eva',
          codes: [study.codes[3].id],
          start,
          end: start + quote.length,
          quote,
          prefix: '',
          suffix: '',
          created: new Date().toISOString(),
        },
      },
    ]);
    const target = beside('export').with({ path: beside('export').path + '.qdpx' });
    made.push(target);
    const report = await vscode.commands.executeCommand<ExportReport>('codeboom.exportRefiProject', { target });
    assert.ok(report, 'a report');
    const entries = unzipSync(await vscode.workspace.fs.readFile(target));
    const xml = strFromU8(entries['project.qde']);
    assert.strictEqual((xml.match(/<TextSource\s/g) ?? []).length, study.documents.length);
    const live = [...study.allCodings()].filter((c) => !c.orphaned);
    assert.strictEqual(report.selections, live.length);
    assert.strictEqual((xml.match(/<PlainTextSelection\s/g) ?? []).length, live.length);
    assert.ok(xml.includes(`<PlainTextSelection guid="${id}"`), 'the new coding is exported');
    assert.strictEqual(Object.keys(entries).filter((n) => n.startsWith('sources/')).length, study.documents.length);
    study.undo();
  });

  it('imports a .qdpx as a new study into an empty folder, and refuses a folder that is not empty', async () => {
    const { service } = await api();
    const study = service.study!;
    const source = vscode.Uri.joinPath(workspaceRoot(), '..', `roundtrip-${Date.now()}.qdpx`);
    made.push(source);
    const memo = '# Memo: Respondent A, interview 1\n\nTranscript: transcripts/A-1.md\n\nVeel over [[mandaat]].\n';
    const memoFile = vscode.Uri.joinPath(workspaceRoot(), '.codeboom/memos/transcripts/A-1.md');
    await vscode.workspace.fs.writeFile(memoFile, new TextEncoder().encode(memo));
    made.push(memoFile);
    await vscode.commands.executeCommand('codeboom.exportRefiProject', { target: source });
    const target = beside('imported');
    made.push(target);
    await vscode.workspace.fs.createDirectory(target);
    const report = await vscode.commands.executeCommand<ImportReport>('codeboom.importRefiProject', { source, target, open: false });
    assert.ok(report, 'a report');
    assert.strictEqual(report.studyName, study.name);
    assert.strictEqual(report.codes, study.codes.length);
    assert.strictEqual(report.transcripts.length, study.documents.length);
    assert.strictEqual(report.codings, [...study.allCodings()].filter((c) => !c.orphaned).length);
    assert.deepStrictEqual(report.skippedSources, []);
    const project = JSON.parse(await readText(vscode.Uri.joinPath(target, 'codeboom.json')));
    assert.strictEqual(project.codes.length, study.codes.length);
    // A coding file of the new study: its quotes are in its transcript at its offsets.
    const codings = JSON.parse(await readText(vscode.Uri.joinPath(target, '.codeboom/codings/transcripts/A-1.md.eva.json')));
    const transcript = await readText(vscode.Uri.joinPath(target, 'transcripts/A-1.md'));
    assert.ok(codings.codings.length > 5);
    for (const c of codings.codings) {
      assert.strictEqual(transcript.slice(c.start, c.end), c.quote);
      assert.strictEqual(study.coding(c.id)?.quote, c.quote, 'same coding id, same quote');
    }
    assert.strictEqual(
      await readText(vscode.Uri.joinPath(target, '.codeboom/memos/transcripts/A-1.md')),
      memo,
      'the transcript memo travels as a note on its source',
    );
    // The open study is untouched.
    assert.strictEqual(service.root?.toString(), workspaceRoot().toString());

    // A second import into the same (now full) folder is refused and writes nothing.
    const before = (await vscode.workspace.fs.readDirectory(target)).length;
    const again = await vscode.commands.executeCommand<ImportReport | undefined>('codeboom.importRefiProject', {
      source,
      target,
      open: false,
    });
    assert.strictEqual(again, undefined);
    assert.strictEqual((await vscode.workspace.fs.readDirectory(target)).length, before);
  });

  it('exports the codebook as a .qdc and imports a codebook into the open study, undoably', async () => {
    const { service } = await api();
    const study = service.study!;
    const qdcFile = beside('codebook').with({ path: beside('codebook').path + '.qdc' });
    made.push(qdcFile);
    const written = await vscode.commands.executeCommand<vscode.Uri>('codeboom.exportRefiCodebook', { target: qdcFile });
    assert.strictEqual(written?.toString(), qdcFile.toString());
    const qdc = await readText(qdcFile);
    assert.strictEqual((qdc.match(/<Code\s/g) ?? []).length, study.codes.length);
    assert.ok(qdc.includes('xmlns="urn:QDA-XML:codebook:1.0"'));

    // Its own codebook matches every code; one with two new codes under an existing one adds them.
    const same = await vscode.commands.executeCommand<CodebookImportResult>('codeboom.importRefiCodebook', { source: qdcFile });
    assert.deepStrictEqual(same, { added: 0, matched: study.codes.length, links: 0, warnings: [], lost: false });
    const parent = study.codes.find((c) => c.name === 'mandaat')!;
    const extended = qdc.replace(
      new RegExp(`(<Code guid="${parent.id}"[^>]*?)(/>|>)`),
      (_m, open: string, end: string) =>
        `${open}><Code guid="0b0e0f00-0000-4000-8000-000000000001" name="formeel mandaat" isCodable="true" color="#112233"><Description>Besluitbevoegdheid op papier.</Description></Code>` +
        `<Code guid="0b0e0f00-0000-4000-8000-000000000002" name="informeel mandaat" isCodable="true"/>${end === '/>' ? '</Code>' : ''}`,
    );
    const extendedFile = qdcFile.with({ path: qdcFile.path.replace(/\.qdc$/, '-extended.qdc') });
    made.push(extendedFile);
    await vscode.workspace.fs.writeFile(extendedFile, new TextEncoder().encode(extended));
    const before = study.codes.length;
    const result = await vscode.commands.executeCommand<CodebookImportResult>('codeboom.importRefiCodebook', { source: extendedFile });
    assert.deepStrictEqual(result, { added: 2, matched: before, links: 0, warnings: [], lost: false });
    const formal = study.code('0b0e0f00-0000-4000-8000-000000000001')!;
    assert.deepStrictEqual(
      [formal.name, formal.parent, formal.color, formal.definition],
      ['formeel mandaat', parent.id, '#112233', 'Besluitbevoegdheid op papier.'],
    );
    await service.flush();
    assert.ok((await readText(vscode.Uri.joinPath(workspaceRoot(), 'codeboom.json'))).includes('formeel mandaat'), 'saved');
    await vscode.commands.executeCommand('codeboom.undo');
    assert.strictEqual(study.codes.length, before);
    assert.strictEqual(study.code(formal.id), undefined);
  });

  it('refuses a hostile archive with a clear error and writes nothing', async () => {
    const { zipSync, strToU8 } = await import('fflate');
    const evil = beside('evil').with({ path: beside('evil').path + '.qdpx' });
    made.push(evil);
    await vscode.workspace.fs.writeFile(evil, zipSync({ 'project.qde': strToU8('<Project name="x"/>'), '../escape.txt': strToU8('x') }));
    const target = beside('evil-target');
    made.push(target);
    await vscode.workspace.fs.createDirectory(target);
    const report = await vscode.commands.executeCommand<ImportReport | undefined>('codeboom.importRefiProject', {
      source: evil,
      target,
      open: false,
    });
    assert.strictEqual(report, undefined);
    assert.deepStrictEqual(await vscode.workspace.fs.readDirectory(target), []);
    assert.ok(!(await exists(vscode.Uri.joinPath(target, '..', 'escape.txt'))));
  });
});
