// npm run demo: builds Codeboom, installs it into a real VS Code (code-server, the same offline
// host the tests use) and opens the sample study in it. Prints the URL; Ctrl+C stops it cleanly.
//   --fresh        start again from the shipped sample (else your demo study's edits are kept)
//   --no-build     use the existing dist/codeboom.vsix
//   --port <n>     port on 127.0.0.1 (default 3210, or the next free one)
//   --folder <dir> where the demo study lives (default ~/codeboom-demo/kennisdeling)
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { REPO, startCodeServer } from '../test/harness/code-server.mjs';

const { values: opt } = parseArgs({
  options: {
    fresh: { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    port: { type: 'string', default: process.env.CODEBOOM_DEMO_PORT || '3210' },
    folder: { type: 'string', default: path.join(os.homedir(), 'codeboom-demo', 'kennisdeling') },
  },
});

const say = (...a) => console.log('[demo]', ...a);
const vsix = path.join(REPO, 'dist', 'codeboom.vsix');
if (!opt['no-build'] || !fs.existsSync(vsix)) {
  say('building and packaging the extension…');
  const r = spawnSync('npm', ['run', '-s', 'package'], { cwd: REPO, stdio: 'inherit' });
  if (r.status !== 0) process.exit(r.status ?? 1);
}
const folder = path.resolve(opt.folder);
if (opt.fresh || !fs.existsSync(path.join(folder, 'codeboom.json'))) {
  fs.rmSync(folder, { recursive: true, force: true });
  fs.mkdirSync(path.dirname(folder), { recursive: true });
  fs.cpSync(path.join(REPO, 'sample', 'kennisdeling'), folder, { recursive: true });
  say(`sample study copied to ${folder}`);
} else {
  say(`opening your demo study in ${folder} (--fresh starts again from the sample)`);
}

const server = await startCodeServer({
  prefix: 'demo',
  folder,
  vsix: [vsix],
  port: opt.port === 'auto' ? undefined : opt.port,
  settings: { 'workbench.startupEditor': 'none', 'codeboom.coder': 'Demo', 'codeboom.welcome.onFirstOpen': true },
});
const url = `${server.url}/?folder=${encodeURIComponent(folder)}`;
say(`Codeboom is running in VS Code ${'(code-server)'} — open this URL in a browser:`);
console.log(`\n    ${url}\n`);
say('Open a transcript in transcripts/, select a passage and press Ctrl+Alt+C. Stop with Ctrl+C.');

let stopping = false;
const stop = async (signal) => {
  if (stopping) return;
  stopping = true;
  say(`stopping (${signal})…`);
  await server.stop();
  server.cleanup();
  say('stopped.');
  process.exit(0);
};
process.on('SIGINT', () => void stop('SIGINT'));
process.on('SIGTERM', () => void stop('SIGTERM'));
await server.exitPromise;
if (!stopping) {
  say(`code-server exited unexpectedly; see ${server.log}`);
  process.exit(1);
}
