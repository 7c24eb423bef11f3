// e2e scenario: the coding margin on a densely coded transcript (A-1: two coders' codings, so
// overlapping brackets in several columns). The inline code labels are drawn at the start of the
// codings in the editor; "Codeboom: Show Coding Margin" opens the margin beside the transcript with
// one bracket per coding; clicking a bracket selects its passage in the editor. Screenshots in the
// light theme (the test server's default), the dark and both high-contrast themes, the theme put back at the end; or,
// started in another theme (--setting workbench.colorTheme=…), in that theme only.
import assert from 'node:assert/strict';

export const timeout = 180000;

/** The webview frame that draws the margin (code-server nests it in two iframes). */
async function marginFrame(page) {
  for (const end = Date.now() + 45000; Date.now() < end;) {
    for (const frame of page.frames()) {
      const n = await frame.evaluate(() => document.querySelectorAll('#scroller .bracket').length).catch(() => 0);
      if (n > 0) {
        return frame;
      }
    }
    await page.waitForTimeout(500);
  }
  throw new Error('no margin webview with brackets within 45 s');
}

/** The inline labels drawn in the editor: the ::before contents of decorated spans. */
function inlineLabels(editor) {
  return editor.evaluate((el) =>
    [...el.querySelectorAll('.view-lines span')]
      .map((s) => getComputedStyle(s, '::before').content)
      .filter((c) => c && c !== 'none' && c !== 'normal' && c !== '""'),
  );
}

/**
 * How far each bracket in view stands from its passage, in page pixels: the bracket's top in the
 * margin against the top of the editor row that holds the coding's first character (where its inline
 * label is drawn). Each row of the editor is given its line: the line number drawn beside it or the
 * nearest above it, and rows above the first line number drawn belong to the line before (a line
 * that started above the view). Brackets are matched to labels by line and name, in order down the
 * line, counted from the line's first row when it is in view and from its last otherwise.
 */
async function alignment(editor, frame) {
  const ed = await editor.evaluate((el, ROW_PX) => {
    const numbers = [];
    for (const n of el.querySelectorAll('.margin-view-overlays .line-numbers')) {
      const t = n.textContent.trim();
      if (/^\d+$/.test(t)) {
        numbers.push({ line: Number(t) - 1, top: n.parentElement.getBoundingClientRect().top });
      }
    }
    numbers.sort((a, b) => a.top - b.top);
    // the line of a row at `top`: the last line number drawn at or above it (-1: none drawn in view)
    const lineAt = (top) => {
      let line = numbers.length > 0 ? numbers[0].line - 1 : -1;
      for (const n of numbers) {
        if (n.top <= top + 0.5) {
          line = n.line;
        }
      }
      return line;
    };
    const chips = [];
    for (const s of el.querySelectorAll('.view-lines span')) {
      const c = getComputedStyle(s, '::before').content;
      if (c && c !== 'none' && c !== 'normal' && c !== '""') {
        const top = s.closest('.view-line').getBoundingClientRect().top;
        chips.push({ label: c.slice(1, -1), top, line: lineAt(top) });
      }
    }
    const view = el.querySelector('.editor-scrollable').getBoundingClientRect();
    // how far the editor is scrolled, in rows (its lines' layer is moved up by that much)
    const scrolled = -parseFloat(el.querySelector('.lines-content')?.style.top ?? 'NaN') / ROW_PX;
    return { scrolled, firstNumbered: numbers[0]?.line ?? -1, chips, top: view.top, bottom: view.bottom, width: view.width };
  }, ROW_PX);
  const frameBox = await (await frame.frameElement()).boundingBox();
  const margin = await frame.evaluate(() => ({
    wrap: document.body.dataset.wrap,
    scrolled: document.querySelector('#scroller').scrollTop / 19,
    brackets: [...document.querySelectorAll('.bracket')].map((b) => ({
      line: Number(b.dataset.line),
      label: b.querySelector('.label').textContent,
      // the bracket is drawn 1 px below its row's top
      top: b.getBoundingClientRect().top - 1,
    })),
  }));
  const pairs = [];
  for (const line of new Set(ed.chips.map((c) => c.line).filter((l) => l >= 0))) {
    // a line that started above the view shows its last rows: count from its end
    const fromEnd = line < ed.firstNumbered;
    const here = margin.brackets.filter((b) => b.line === line).sort((a, b) => a.top - b.top);
    for (const label of new Set(here.map((b) => b.label))) {
      const bs = here.filter((b) => b.label === label);
      const cs = ed.chips.filter((c) => c.label === label && c.line === line).sort((a, b) => a.top - b.top);
      const n = Math.min(bs.length, cs.length);
      for (let i = 0; i < n; i++) {
        const b = fromEnd ? bs[bs.length - n + i] : bs[i];
        const c = fromEnd ? cs[cs.length - n + i] : cs[i];
        // only passages in view (the last row may be cut off)
        if (c.top >= ed.top && c.top < ed.bottom - ROW_PX) {
          pairs.push({ line, label, off: frameBox.y + b.top - c.top });
        }
      }
    }
  }
  return { pairs, width: ed.width, wrap: margin.wrap, scrolled: [ed.scrolled, margin.scrolled].map((r) => r.toFixed(2)).join(' | ') };
}

/**
 * Waits until the editor and the margin stand still (the machine may be loaded: a fixed sleep is
 * not enough): the editor's rows, its width and the margin's scroll position and drawings the same
 * for a second. Returns how long it took.
 */
async function settle(page, editor, frame) {
  const t0 = Date.now();
  const state = async () =>
    JSON.stringify([
      await editor.evaluate((el) => {
        const row = el.querySelector('.view-lines .view-line');
        return [row?.getBoundingClientRect().top, row?.textContent, el.getBoundingClientRect().width];
      }),
      await frame.evaluate(() => [
        document.querySelector('#scroller').scrollTop,
        document.body.dataset.renders,
        document.body.dataset.wrap,
      ]),
    ]);
  let last = '';
  let same = 0;
  await page.waitForTimeout(300);
  while (same < 4 && Date.now() - t0 < 20000) {
    const now = await state();
    same = now === last ? same + 1 : 0;
    last = now;
    await page.waitForTimeout(250);
  }
  return Date.now() - t0;
}

/** One editor row at the test server's font (14 px): the tolerance of the alignment. */
const ROW_PX = 19;

async function setTheme(page, runCommand, name) {
  await runCommand('Preferences: Color Theme');
  const input = page.locator('.quick-input-widget input');
  await input.waitFor({ state: 'visible' });
  await input.fill(name);
  await page.locator('.quick-input-list .monaco-list-row', { hasText: name }).first().waitFor();
  await page.keyboard.press('Enter');
  await input.waitFor({ state: 'hidden', timeout: 10000 });
  await page.waitForTimeout(1500);
}

export default async function margin({ page, screenshot, runCommand, log, openFile }) {
  const editor = await openFile('A-1.md');
  const input = page.locator('.quick-input-widget input');
  await editor.click();
  await page.keyboard.press('Control+G');
  await input.waitFor({ state: 'visible' });
  await input.fill(':45');
  await page.keyboard.press('Enter');

  let labels = [];
  for (const end = Date.now() + 30000; labels.length === 0 && Date.now() < end;) {
    await page.waitForTimeout(500);
    labels = await inlineLabels(editor);
  }
  log(`inline labels in view: ${labels.length}: ${labels.slice(0, 6).join(', ')}`);
  assert.ok(labels.length > 0, 'inline code labels are drawn in the editor');

  await runCommand('Codeboom: Show Coding Margin');
  const frame = await marginFrame(page);
  const info = await frame.evaluate(() => ({
    brackets: document.querySelectorAll('.bracket').length,
    columns: Number(document.body.dataset.columns),
    labels: [...document.querySelectorAll('.bracket .label')].slice(0, 5).map((l) => l.textContent),
  }));
  log(`margin: ${info.brackets} brackets in ${info.columns} columns: ${info.labels.join(', ')}`);
  assert.ok(info.brackets > 10 && info.columns >= 2, 'a densely coded transcript, overlapping codings in several columns');
  await page.waitForTimeout(1000);
  // the brackets stand beside their passages (within a row) at two editor widths (with and without
  // the sidebar), at lines and scrolled by the wheel to inside a row, with and without the
  // breadcrumbs and sticky scroll; the margin follows each change of the editor
  const widths = new Set();
  const aligned = async (what) => {
    const waited = await settle(page, editor, frame);
    const a = await alignment(editor, frame);
    widths.add(Math.round(a.width));
    log(
      `${what} (editor ${Math.round(a.width)} px wide, margin at ${a.wrap} characters a row, scrolled ${a.scrolled} rows, settled in ${waited} ms): bracket − passage ${a.pairs.map((p) => `${p.line + 1} ${p.label} ${Math.round(p.off)}`).join('; ')} px`,
    );
    assert.ok(a.pairs.length >= 2, `${what}: brackets beside passages in view`);
    for (const p of a.pairs) {
      assert.ok(
        Math.abs(p.off) <= ROW_PX,
        `${what}: the bracket "${p.label}" of line ${p.line + 1} is ${Math.round(p.off)} px off its passage`,
      );
    }
  };
  const goTo = async (line) => {
    await page.keyboard.press('Control+G');
    await input.waitFor({ state: 'visible' });
    await input.fill(`:${line}`);
    await page.keyboard.press('Enter');
  };
  await aligned('at line 45');
  await editor.hover();
  await page.mouse.wheel(0, 700);
  await aligned('scrolled 700 px');
  await page.keyboard.press('Control+B');
  await aligned('wider, without the sidebar');
  await goTo(90);
  await aligned('at line 90');
  await page.mouse.wheel(0, -250);
  await aligned('scrolled up 250 px');
  // and the other way: the margin scrolled by the wheel, the editor follows
  const box = await (await frame.frameElement()).boundingBox();
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.wheel(0, 400);
  await aligned('the margin scrolled 400 px, the editor following');
  await runCommand('View: Toggle Breadcrumbs');
  await runCommand('View: Toggle Editor Sticky Scroll');
  await editor.hover();
  await aligned('without breadcrumbs and sticky scroll');
  await runCommand('View: Toggle Breadcrumbs');
  await runCommand('View: Toggle Editor Sticky Scroll');
  await page.keyboard.press('Control+B');
  await goTo(45);
  await aligned('narrow again, at line 45');
  assert.ok(widths.size >= 2, `two editor widths measured: ${[...widths].join(', ')} px`);
  // the test server starts light; run with --setting workbench.colorTheme="Default High Contrast" for hc
  const theme = await page
    .locator('.monaco-workbench')
    .evaluate((el) => ['hc-black', 'hc-light', 'vs-dark', 'vs'].find((c) => el.classList.contains(c)) ?? 'vs');
  const first = { 'hc-black': 'high-contrast', 'hc-light': 'high-contrast-light', 'vs-dark': 'dark', vs: 'light' }[theme];
  await screenshot(first);

  // a click on a bracket selects its passage in the editor
  const bracket = frame.locator('.bracket').nth(3);
  const label = await bracket.locator('.label').textContent();
  await bracket.click();
  await page
    .locator('.statusbar-item', { hasText: /selected/ })
    .first()
    .waitFor({ state: 'visible', timeout: 10000 });
  log(`clicked the bracket "${label}": the editor has a selection`);
  await screenshot(`${first}-selected`);
  if (theme !== 'vs') {
    return;
  }
  await setTheme(page, runCommand, 'Dark Modern');
  assert.ok(await page.locator('.monaco-workbench.vs-dark').count(), 'the workbench is dark now');
  await marginFrame(page);
  await page.waitForTimeout(1000);
  await screenshot('dark');
  // and in both high-contrast themes (the picker calls them Dark / Light High Contrast)
  for (const [name, cls, shot] of [
    ['Dark High Contrast', 'hc-black', 'high-contrast'],
    ['Light High Contrast', 'hc-light', 'high-contrast-light'],
  ]) {
    await setTheme(page, runCommand, name);
    assert.ok(await page.locator(`.monaco-workbench.${cls}`).count(), `the workbench is in ${name} now`);
    await marginFrame(page);
    await page.waitForTimeout(1000);
    await screenshot(shot);
  }
  await setTheme(page, runCommand, 'Light Modern');
}
