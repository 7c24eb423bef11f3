// The in-memory file system test extension (test/fixtures/memfs-extension): a copy in the run folder
// with seed.json, packaged as a .vsix and installed in the test workbench (this code-server loads only
// the last of several extensionDevelopmentPath entries, so it cannot be a second development extension), the files of a study folder under /<study name>/, so the web worker host opens the
// study on memfs:/<study name> (a virtual file system, as github.dev's). Used by run-host-tests --memfs
// and the e2e scenario 14-web.
import fs from 'node:fs';
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { REPO } from './code-server.mjs';

export const MEMFS_EXTENSION = path.join(REPO, 'test', 'fixtures', 'memfs-extension');

/** Every file under dir, as paths relative to it with '/'. */
function filesUnder(dir, rel = '') {
  const out = [];
  for (const e of fs.readdirSync(path.join(dir, rel), { withFileTypes: true })) {
    const r = rel ? `${rel}/${e.name}` : e.name;
    if (e.isDirectory()) out.push(...filesUnder(dir, r));
    else if (e.isFile()) out.push(r);
  }
  return out;
}

/**
 * Writes the memfs extension, seeded with `studyDir`, to <runDir>/memfs-extension and packages it as
 * <runDir>/memfs.vsix. Returns its path, the .vsix and the workspace URI of the study (memfs:/<name>).
 */
export function prepareMemfsExtension(runDir, studyDir) {
  const target = path.join(runDir, 'memfs-extension');
  fs.mkdirSync(target, { recursive: true });
  for (const f of ['package.json', 'extension.js']) fs.copyFileSync(path.join(MEMFS_EXTENSION, f), path.join(target, f));
  const name = path.basename(studyDir);
  const files = Object.fromEntries(
    filesUnder(studyDir).map((r) => [`/${name}/${r}`, fs.readFileSync(path.join(studyDir, r)).toString('base64')]),
  );
  fs.writeFileSync(path.join(target, 'seed.json'), JSON.stringify({ files }));
  const vsix = path.join(runDir, 'memfs.vsix');
  const vsce = path.join(REPO, 'node_modules', '.bin', 'vsce');
  const r = spawnSync(vsce, ['package', '--no-dependencies', '--skip-license', '--allow-missing-repository', '-o', vsix], {
    cwd: target,
    encoding: 'utf8',
  });
  if (r.status !== 0) throw new Error(`vsce package of the memfs extension failed:\n${r.stdout}${r.stderr}`);
  return { path: target, vsix, folderUri: `memfs:/${name}`, files: Object.keys(files).length };
}
