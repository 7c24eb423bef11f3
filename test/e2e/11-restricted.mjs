// e2e scenario (Restricted Mode): a study cloned from someone else's repository opens in VS Code's
// Restricted Mode. Codeboom declares `untrustedWorkspaces: limited`: it activates, shows the study
// and codes a passage there (codings are plain JSON; nothing in a study is executed), and the
// coding is saved to the codings file.
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import codeSelection from './02-code-selection.mjs';

export const timeout = 150000;
// Runs in its own server with workspace trust on: see scripts/test-all.mjs.
export const standalone = true;

function codingsOnDisk(workspace) {
  const dir = path.join(workspace, '.codeboom', 'codings');
  let n = 0;
  const walk = (d) => {
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (e.name.endsWith('.json')) n += JSON.parse(fs.readFileSync(p, 'utf8')).codings.length;
    }
  };
  walk(dir);
  return n;
}

export default async function restricted(ctx) {
  const { page, workspace, screenshot, log } = ctx;
  // VS Code asks whether to trust the folder's authors: no.
  const dontTrust = page.getByRole('button', { name: /don't trust|no, i don/i }).first();
  if (await dontTrust.isVisible({ timeout: 20000 }).catch(() => false)) {
    await screenshot('trust-dialog');
    await dontTrust.click();
  }
  await page
    .locator('.statusbar-item, .banner', { hasText: /Restricted Mode/i })
    .first()
    .waitFor({ state: 'visible', timeout: 30000 });
  log('the workbench is in Restricted Mode');
  await page.locator('.statusbar-item', { hasText: 'Kennisdeling' }).first().waitFor({ state: 'visible', timeout: 60000 });
  const before = codingsOnDisk(workspace);
  await codeSelection(ctx);
  let after = before;
  for (const end = Date.now() + 15000; after === before && Date.now() < end;) {
    await page.waitForTimeout(250);
    after = codingsOnDisk(workspace);
  }
  log(`codings on disk: ${before} → ${after}`);
  assert.equal(after, before + 1, 'the coding made in Restricted Mode is saved');
  await screenshot('restricted');
}
