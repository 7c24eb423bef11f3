import * as assert from 'assert';
import * as vscode from 'vscode';
import { api, workspaceRoot } from './util';

// Where the suite runs: in the web worker host (run-host-tests --web) there is no Node `process`, and
// the study is read through vscode.workspace.fs only. Both runners include this file.
describe('extension host kind', () => {
  it('the study opens; in the web worker host there is no Node process', async () => {
    const { service } = await api();
    assert.ok(service.study, 'a study is open');
    const web = typeof (globalThis as { process?: unknown }).process === 'undefined';
    console.log(`host kind: ${web ? 'web worker' : 'node'}; workspace ${workspaceRoot().toString()}`);
    // set by the web runner (test/host/web/mochaGlobals.ts): that suite must really run in the web worker
    if ((globalThis as { codeboomExpectWebHost?: boolean }).codeboomExpectWebHost) {
      assert.ok(web, 'the web suite runs in the web worker extension host');
      assert.notStrictEqual(workspaceRoot().scheme, 'file');
    }
    assert.strictEqual(vscode.env.uiKind, vscode.UIKind.Web);
  });
});
