// The coding margin's webview (dist/margin.js) in the webview test's headless Chromium: the same
// page discipline as the matrix (its CSP with a nonce, a stand-in for acquireVsCodeApi()). Checks:
// ready and viewport messages; brackets drawn from the model in the core's columns (no two that
// share a line in one column); a hostile code name shows as text; a click and Enter post `select`;
// the extension's scroll message scrolls it and the user's scrolling posts `scroll`; a message that
// does not parse is ignored; no CSP violation. Screenshots in light and dark.
import assert from 'node:assert/strict';

export const MARGIN_DOC = 'transcripts/A-1.md';

export function registerMarginTests(test, { open, send, posted, waitPosted, shot }) {
  const openMargin = async (ctx, theme) => {
    const p = await open(ctx, theme, 'margin');
    const model = ctx.fx.marginModel(ctx.fx.study, ctx.fx.root, MARGIN_DOC);
    await send(p, model);
    await p.waitForFunction(() => document.body.dataset.ready === 'true');
    return { p, model };
  };

  test('margin: draws one bracket per coding in the core’s columns; a hostile code name stays text', async (ctx) => {
    const { p, model } = await openMargin(ctx, 'dark');
    assert.ok(model.brackets.length > 10 && model.columns >= 2, 'A-1 is densely coded (two coders)');
    const drawn = await p.evaluate(() =>
      [...document.querySelectorAll('.bracket')].map((b) => ({
        coding: b.dataset.coding,
        column: Number(b.dataset.column),
        top: b.offsetTop,
        bottom: b.offsetTop + b.offsetHeight,
        left: b.offsetLeft,
        label: b.querySelector('.label').textContent,
      })),
    );
    assert.equal(drawn.length, model.brackets.length);
    for (const a of drawn) {
      for (const b of drawn) {
        if (a !== b && a.column === b.column) {
          assert.ok(a.bottom <= b.top || b.bottom <= a.top, `${a.coding} and ${b.coding} overlap in column ${a.column}`);
        }
        if (a.column < b.column) {
          assert.ok(a.left < b.left, 'columns stand left to right');
        }
      }
    }
    const hostile = model.brackets.find((b) => b.label.includes('<img'));
    assert.ok(hostile, 'a bracket of the hostile code');
    assert.equal(drawn.find((d) => d.coding === hostile.coding).label, hostile.label, 'shown as text');
    assert.equal(await p.evaluate(() => document.querySelectorAll('.bracket img').length), 0);
    assert.equal(await p.evaluate(() => window.__xss), undefined);
    const msgs = await posted(p);
    assert.deepEqual(msgs[0], { type: 'ready' });
    assert.ok(
      msgs.some((m) => m.type === 'viewport' && m.rows > 10),
      'it tells its height in rows',
    );
    await send(p, { type: 'scroll', line: Math.max(0, model.brackets[0].startLine - 1) });
    await p.waitForTimeout(100);
    await shot(p, 'margin-dark');
    assert.deepEqual(await p.evaluate(() => window.__violations), []);
    await p.close();
  });

  test('margin: a click and Enter post select; scrolling goes both ways; an invalid message is ignored', async (ctx) => {
    const { p, model } = await openMargin(ctx, 'light');
    const target = model.brackets[3];
    await p.locator(`.bracket[data-coding="${target.coding}"]`).click();
    await waitPosted(p, 'select', (m) => m.coding === target.coding);
    const other = model.brackets[5];
    await p.locator(`.bracket[data-coding="${other.coding}"]`).focus();
    await p.keyboard.press('Enter');
    await waitPosted(p, 'select', (m) => m.coding === other.coding);
    // the extension scrolls the margin: the line's bracket comes to the top
    const line = model.brackets.at(-1).startLine;
    await send(p, { type: 'scroll', line });
    await p.waitForFunction((c) => {
      const b = document.querySelector(`.bracket[data-coding="${c}"]`);
      return Math.abs(b.offsetTop - document.getElementById('scroller').scrollTop) < 3;
    }, model.brackets.at(-1).coding);
    // the user scrolls the margin: it says which line is at the top
    await p.waitForTimeout(200);
    await p.evaluate(() => (document.getElementById('scroller').scrollTop = 0));
    await waitPosted(p, 'scroll', (m) => m.line < 1);
    // a message that does not parse changes nothing
    const before = await p.evaluate(() => document.querySelectorAll('.bracket').length);
    await send(p, { type: 'model', doc: 'x', brackets: 'not a list' });
    await send(p, { type: 'scroll', line: -5 });
    await p.waitForTimeout(100);
    assert.equal(await p.evaluate(() => document.querySelectorAll('.bracket').length), before);
    await shot(p, 'margin-light');
    assert.deepEqual(await p.evaluate(() => window.__violations), []);
    await p.close();
  });
}
