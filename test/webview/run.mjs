#!/usr/bin/env node
// The matrix webview (dist/webview.js) in headless Chromium, outside VS Code: a tiny local HTTP
// server serves a page with the panel's own Content-Security-Policy (nonce), a few theme colour
// variables and a stand-in for acquireVsCodeApi() that records what the webview posts. The
// messages it receives are made by the extension's own view-model code from the sample study
// (test/webview/fixtures.ts, bundled here with esbuild and a stand-in for `vscode.l10n`).
//
// Checks: ready handshake; rendering; a hostile code name shows as text; clicks and keys post the
// right messages; passages list; the "no value" column and the grand total follow the protocol's flags
// (missing, showGrandTotal), not guesses; the other views; the saturation chart and its table (a hostile
// transcript label shows as text); no CSP violation. Screenshots land in
// test-results/webview/. Measures the first render of a 300 × 20 matrix (printed, not asserted).
// Build first (npm run build). Last line: `webview: N passed, N failed`.
/* global performance, requestAnimationFrame -- these run inside the page (page.evaluate) */
import assert from 'node:assert/strict';
import fs from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';
import { launchBrowser } from '../harness/code-server.mjs';
import { registerMarginTests } from './margin.mjs';

const REPO = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const OUT = path.join(REPO, 'test-results', 'webview');
const SAMPLE = path.join(REPO, 'sample', 'kennisdeling');
const log = (...a) => console.log('[webview]', ...a);

// ---------- fixtures: the extension's view-model code, bundled with a stand-in for vscode ----------

export async function loadFixtures(tmp) {
  const vscodeStub = `
    const format = (s, ...args) => s.replace(/\\{(\\d+)\\}/g, (m, i) => (args[i] !== undefined ? String(args[i]) : m));
    module.exports = { l10n: { t: format }, env: { language: 'en' }, Uri: { joinPath: () => ({}) } };`;
  const outfile = path.join(tmp, 'fixtures.cjs');
  await esbuild.build({
    entryPoints: [path.join(REPO, 'test', 'webview', 'fixtures.ts')],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node20',
    logLevel: 'warning',
    plugins: [
      {
        name: 'vscode-stub',
        setup(b) {
          b.onResolve({ filter: /^vscode$/ }, () => ({ path: 'vscode', namespace: 'stub' }));
          b.onLoad({ filter: /.*/, namespace: 'stub' }, () => ({ contents: vscodeStub, loader: 'js' }));
        },
      },
    ],
  });
  return createRequire(import.meta.url)(outfile);
}

// ---------- the page ----------

const THEMES = {
  dark: {
    '--vscode-foreground': '#cccccc',
    '--vscode-editor-background': '#1f1f1f',
    '--vscode-descriptionForeground': '#9d9d9d',
    '--vscode-charts-blue': '#3794ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-focusBorder': '#0078d4',
    '--vscode-editorWidget-border': '#454545',
    '--vscode-editorWidget-background': '#202020',
    '--vscode-badge-background': '#616161',
    '--vscode-badge-foreground': '#f8f8f8',
    '--vscode-list-hoverBackground': '#2a2d2e',
    '--vscode-list-activeSelectionBackground': '#04395e',
    '--vscode-button-background': '#0078d4',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#313131',
    '--vscode-button-secondaryForeground': '#cccccc',
    '--vscode-dropdown-background': '#313131',
    '--vscode-dropdown-border': '#3c3c3c',
    '--vscode-dropdown-foreground': '#cccccc',
    '--vscode-settings-dropdownListBorder': '#3c3c3c',
    '--vscode-settings-dropdownBackground': '#313131',
    '--vscode-settings-dropdownBorder': '#3c3c3c',
    '--vscode-settings-dropdownForeground': '#cccccc',
    '--vscode-checkbox-background': '#313131',
    '--vscode-checkbox-border': '#3c3c3c',
    '--vscode-checkbox-foreground': '#cccccc',
    '--vscode-list-activeSelectionForeground': '#ffffff',
    '--vscode-button-secondaryHoverBackground': '#3c3c3c',
    '--vscode-button-hoverBackground': '#026ec1',
    '--vscode-font-family': 'system-ui, "Segoe UI", sans-serif',
    '--vscode-font-size': '13px',
  },
  light: {
    '--vscode-foreground': '#3b3b3b',
    '--vscode-editor-background': '#ffffff',
    '--vscode-descriptionForeground': '#717171',
    '--vscode-charts-blue': '#1a85ff',
    '--vscode-charts-orange': '#d18616',
    '--vscode-focusBorder': '#005fb8',
    '--vscode-editorWidget-border': '#c8c8c8',
    '--vscode-editorWidget-background': '#f8f8f8',
    '--vscode-badge-background': '#cccccc',
    '--vscode-badge-foreground': '#3b3b3b',
    '--vscode-list-hoverBackground': '#f2f2f2',
    '--vscode-list-activeSelectionBackground': '#e8e8e8',
    '--vscode-button-background': '#005fb8',
    '--vscode-button-foreground': '#ffffff',
    '--vscode-button-secondaryBackground': '#e5e5e5',
    '--vscode-button-secondaryForeground': '#3b3b3b',
    '--vscode-dropdown-background': '#ffffff',
    '--vscode-dropdown-border': '#cecece',
    '--vscode-dropdown-foreground': '#3b3b3b',
    '--vscode-settings-dropdownListBorder': '#cecece',
    '--vscode-settings-dropdownBackground': '#ffffff',
    '--vscode-settings-dropdownBorder': '#cecece',
    '--vscode-settings-dropdownForeground': '#3b3b3b',
    '--vscode-checkbox-background': '#f8f8f8',
    '--vscode-checkbox-border': '#cecece',
    '--vscode-checkbox-foreground': '#3b3b3b',
    '--vscode-list-activeSelectionForeground': '#000000',
    '--vscode-button-secondaryHoverBackground': '#cccccc',
    '--vscode-button-hoverBackground': '#0258a8',
    '--vscode-font-family': 'system-ui, "Segoe UI", sans-serif',
    '--vscode-font-size': '13px',
  },
};

export function page(fx, theme, nonce, script = 'webview.js') {
  const csp = fx.contentSecurityPolicy("'self'", nonce);
  const vars = Object.entries(THEMES[theme])
    .map(([k, v]) => `${k}: ${v};`)
    .join(' ');
  return `<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${csp}">
<style nonce="${nonce}">:root { ${vars} }</style>
<script nonce="${nonce}">
  window.__posted = []; window.__state = undefined; window.__violations = [];
  document.addEventListener('securitypolicyviolation', (e) => window.__violations.push(e.violatedDirective + ' ' + e.blockedURI));
  window.acquireVsCodeApi = () => ({
    postMessage: (m) => window.__posted.push(JSON.parse(JSON.stringify(m))),
    getState: () => window.__state,
    setState: (s) => { window.__state = s; },
  });
</script>
</head><body><script nonce="${nonce}" src="/${script}"></script></body></html>`;
}

export function serve(fx) {
  const server = http.createServer((req, res) => {
    const url = new URL(req.url, 'http://x');
    if (url.pathname === '/webview.js' || url.pathname === '/margin.js') {
      res.writeHead(200, { 'content-type': 'text/javascript' });
      res.end(fs.readFileSync(path.join(REPO, 'dist', url.pathname.slice(1))));
    } else if (url.pathname === '/') {
      res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
      const script = url.searchParams.get('page') === 'margin' ? 'margin.js' : 'webview.js';
      res.end(page(fx, url.searchParams.get('theme') === 'light' ? 'light' : 'dark', 'n' + Math.random().toString(36).slice(2), script));
    } else {
      res.writeHead(404).end();
    }
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

// ---------- tests ----------

const tests = [];
const test = (name, fn) => tests.push({ name, fn });

async function open(ctx, theme = 'dark', which = 'matrix') {
  const p = await ctx.browser.newPage({ viewport: { width: 1400, height: 820 } });
  p.on('dialog', async (d) => {
    ctx.dialogs.push(d.message());
    await d.dismiss();
  });
  p.on('pageerror', (e) => ctx.errors.push(String(e)));
  await p.goto(`${ctx.base}/?theme=${theme}&page=${which}`);
  await p.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
  return p;
}

const send = (p, msg) => p.evaluate((m) => window.postMessage(m, '*'), msg);
const posted = (p) => p.evaluate(() => window.__posted);
const lastPosted = async (p, type) => (await posted(p)).filter((m) => m.type === type).pop();
async function waitPosted(p, type, pred = () => true) {
  for (let i = 0; i < 100; i++) {
    const m = (await posted(p)).filter((x) => x.type === type && pred(x)).pop();
    if (m) return m;
    await p.waitForTimeout(50);
  }
  throw new Error(`no ${type} message posted`);
}
const shot = (p, name) => p.screenshot({ path: path.join(OUT, `${name}.png`) });

test('ready handshake: the webview says it listens, and renders nothing before the model', async (ctx) => {
  const p = await open(ctx);
  const msgs = await posted(p);
  assert.deepEqual(msgs[0], { type: 'ready' });
  assert.equal(await p.locator('table').count(), 0);
  await p.close();
});

test('renders the matrix of the sample: tree rows, case columns, heat-map, totals', async (ctx) => {
  const p = await open(ctx);
  const model = ctx.fx.model(ctx.state);
  await send(p, model);
  await p.locator('table.matrix').waitFor();
  assert.equal(await p.getAttribute('table.matrix', 'role'), 'treegrid');
  const heads = await p.locator('table.matrix thead th').allInnerTexts();
  assert.deepEqual(
    heads.map((h) => h.trim()),
    ['Code', 'NDS', 'QIHR', 'Focusgroep', 'Total'],
  );
  assert.equal(await p.locator('table.matrix tbody tr').count(), model.matrix.rows.length);
  const first = p.locator('table.matrix tbody tr').first();
  assert.equal(await first.getAttribute('aria-level'), '1');
  assert.equal(await first.getAttribute('aria-expanded'), 'true');
  const cells = await first.locator('td').allInnerTexts();
  assert.deepEqual(cells.map(Number), [...model.matrix.values.slice(0, 3), model.matrix.rowTotals[0]]);
  // the heat colour is the theme's chart blue mixed in, stronger for bigger numbers
  const bg = await first
    .locator('td')
    .first()
    .evaluate((n) => getComputedStyle(n).backgroundColor);
  assert.notEqual(bg, 'rgba(0, 0, 0, 0)', 'a coloured cell');
  assert.equal(await p.locator('table.matrix tfoot td').first().innerText(), String(model.matrix.columnTotals[0]));
  await shot(p, 'matrix-dark');
  await p.close();
});

test('the "no value" column is named by the protocol\'s missing flag; the grand total only where the model says', async (ctx) => {
  const p = await open(ctx);
  // only the focus group's transcripts have `participants`: the others fall in the "no value" column
  const state = { ...ctx.state, options: { ...ctx.state.options, columns: { kind: 'attribute', key: 'participants' } } };
  const model = ctx.fx.model(state);
  assert.deepEqual(
    model.matrix.columns.map((c) => [c.label, c.missing]),
    [
      ['5', false],
      ['—', true],
    ],
  );
  assert.equal(model.matrix.showGrandTotal, true);
  await send(p, model);
  await p.locator('table.matrix').waitFor();
  const heads = await p.locator('table.matrix thead th').allInnerTexts();
  assert.deepEqual(
    heads.map((h) => h.trim()),
    ['Code', '5', model.strings.noValue, 'Total'],
  );
  assert.equal((await p.locator('table.matrix tfoot td').last().innerText()).trim(), String(model.matrix.grandTotal));
  // counted in transcripts, the grand total is the distinct transcripts of the whole table (no sum of the cells)
  const perTranscript = ctx.fx.model({ ...state, options: { ...state.options, measure: 'transcripts' } });
  assert.equal(perTranscript.matrix.showGrandTotal, true);
  assert.ok(perTranscript.matrix.grandTotal > 0);
  assert.ok(perTranscript.matrix.grandTotal <= perTranscript.matrix.columnTotals.reduce((a, b) => a + b, 0));
  await send(p, perTranscript);
  await p.waitForFunction(
    (n) => document.querySelector('table.matrix tfoot td:last-child')?.textContent === n,
    String(perTranscript.matrix.grandTotal),
  );
  // in percentages there is no grand total
  const percent = ctx.fx.model({ ...state, options: { ...state.options, measure: 'rowPercent' } });
  assert.equal(percent.matrix.showGrandTotal, false);
  assert.deepEqual(ctx.errors, []);
  await p.close();
});

test('a hostile code name shows as text and runs nothing', async (ctx) => {
  const p = await open(ctx);
  await send(p, ctx.fx.model(ctx.state));
  const row = p.locator(`table.matrix tbody tr[data-code="${ctx.fx.hostileCode}"]`);
  await row.waitFor();
  assert.equal((await row.locator('th .name').innerText()).trim(), ctx.fx.HOSTILE);
  assert.equal(await p.locator('img').count(), 0, 'no <img> element');
  await p.waitForTimeout(300);
  assert.equal(await p.evaluate(() => window.__xss), undefined, 'onerror did not run');
  assert.deepEqual(ctx.dialogs, [], 'no alert');
  // its passages too
  const state = ctx.state;
  await row.locator('td').first().click();
  const ask = await waitPosted(p, 'openCell');
  await send(p, ctx.fx.passages(state, ask.row, ask.column));
  await p.locator('.passages .passage').first().waitFor();
  assert.ok((await p.locator('.passages h2').innerText()).includes(ctx.fx.HOSTILE));
  assert.equal(await p.locator('img').count(), 0);
  await p.close();
});

test('a cell click posts openCell with the row code and column key; the passages open their transcript', async (ctx) => {
  const p = await open(ctx);
  const model = ctx.fx.model(ctx.state);
  await send(p, model);
  const r = 2;
  const row = model.matrix.rows[r];
  await p.locator('table.matrix tbody tr').nth(r).locator('td').nth(1).click();
  const msg = await waitPosted(p, 'openCell');
  assert.deepEqual(msg, { type: 'openCell', row: row.code, column: 'QIHR' });
  assert.equal(await p.locator('table.matrix td[aria-selected="true"]').count(), 1);
  const answer = ctx.fx.passages(ctx.state, msg.row, msg.column);
  assert.equal(answer.passages.length, model.matrix.codings[r * 3 + 1], 'as many passages as the cell says');
  await send(p, answer);
  await p.locator('.passages .passage').first().waitFor();
  assert.equal(await p.locator('.passages .passage').count(), answer.passages.length);
  await shot(p, 'passages');
  await p.setViewportSize({ width: 700, height: 820 });
  await shot(p, 'passages-narrow');
  await p.locator('.passages .passage').nth(1).click();
  assert.deepEqual(await lastPosted(p, 'openPassage'), { type: 'openPassage', coding: answer.passages[1].coding });
  await p.close();
});

test('keyboard: one tab stop, arrows move, Enter lists passages, Left/Right collapse and expand', async (ctx) => {
  const p = await open(ctx);
  const model = ctx.fx.model(ctx.state);
  await send(p, model);
  await p.locator('table.matrix').waitFor();
  assert.equal(await p.locator('table.matrix [tabindex="0"]').count(), 1, 'roving tabindex');
  await p.locator('table.matrix [tabindex="0"]').focus();
  await p.keyboard.press('ArrowDown'); // row 2 header
  await p.keyboard.press('ArrowRight'); // first data cell
  await p.keyboard.press('ArrowRight'); // second data cell
  await p.keyboard.press('Enter');
  const msg = await waitPosted(p, 'openCell');
  assert.deepEqual(msg, { type: 'openCell', row: model.matrix.rows[1].code, column: 'QIHR' });
  // back to the top row header and collapse it
  await p.keyboard.press('Home');
  await p.keyboard.press('ArrowUp');
  await p.keyboard.press('ArrowLeft');
  const set = await waitPosted(p, 'setState', (m) => m.state.collapsed.length > 0);
  assert.deepEqual(set.state.collapsed, [model.matrix.rows[0].code]);
  const children = model.matrix.rows.filter((x) => x.parent === model.matrix.rows[0].code).length;
  assert.equal(await p.locator('table.matrix tbody tr:not([hidden])').count(), model.matrix.rows.length - children);
  assert.equal(await p.locator('table.matrix tbody tr').first().getAttribute('aria-expanded'), 'false');
  assert.deepEqual(await p.evaluate(() => window.__state.collapsed), set.state.collapsed, 'kept for a reload (vscode.setState)');
  await p.keyboard.press('ArrowRight');
  assert.equal(await p.locator('table.matrix tbody tr:not([hidden])').count(), model.matrix.rows.length);
  await p.close();
});

test('choosing respondents as columns posts the new options; export buttons post export', async (ctx) => {
  const p = await open(ctx);
  await send(p, ctx.fx.model(ctx.state));
  await p.locator('table.matrix').waitFor();
  const select = p.locator('vscode-single-select[name="columns"]');
  await select.click();
  await p.getByRole('option', { name: 'Respondents' }).click();
  const set = await waitPosted(p, 'setState', (m) => m.state.options.columns.kind === 'respondent');
  assert.equal(set.state.options.measure, 'codings');
  await send(p, ctx.fx.model(set.state));
  await p.locator('table.matrix thead th', { hasText: 'Respondent G' }).waitFor();
  await shot(p, 'respondents');
  await p.locator('vscode-button[data-export="xlsx"]').click();
  assert.deepEqual(await lastPosted(p, 'export'), { type: 'export', format: 'xlsx' });
  await p.close();
});

test('filters: ticking a polarity posts it as a filter; unticking removes it', async (ctx) => {
  const p = await open(ctx);
  await send(p, ctx.fx.model(ctx.state));
  await p.locator('table.matrix').waitFor();
  await p.locator('details.filters summary').click();
  await p.locator('fieldset[data-filter="polarity"] vscode-checkbox[data-value="stimulerend"]').click();
  const on = await waitPosted(p, 'setState', (m) => (m.state.options.filters?.polarity ?? []).length > 0);
  assert.deepEqual(on.state.options.filters.polarity, ['stimulerend']);
  const filtered = ctx.fx.model(on.state);
  assert.equal(filtered.matrix.rows.length, 4 + 9, '4 stimulating factors and their 9 patterns');
  await send(p, filtered);
  await p.waitForFunction(() => document.querySelectorAll('table.matrix tbody tr').length === 13);
  assert.equal(await p.locator('details.filters summary').innerText(), 'Filters (1)');
  await shot(p, 'filtered');
  await p.locator('fieldset[data-filter="polarity"] vscode-checkbox[data-value="stimulerend"]').click();
  const off = await waitPosted(
    p,
    'setState',
    (m) => m !== on && m.state.options.filters?.polarity === undefined && m.state.options.filters !== undefined,
  );
  assert.equal(off.state.options.filters.polarity, undefined);
  await p.close();
});

test('factor coverage and synthesis views render (light theme)', async (ctx) => {
  const p = await open(ctx, 'light');
  await send(p, ctx.fx.model({ ...ctx.state, view: 'coverage' }));
  await p.locator('table.coverage').first().waitFor();
  const none = await p.locator('table.coverage tr.no-evidence').count();
  assert.ok(none > 30, `${none} factors without evidence marked`);
  const coverage = ctx.fx.model({ ...ctx.state, view: 'coverage' }).coverage;
  assert.equal(none, coverage.factors.filter((f) => f.noEvidence).length, 'as many as the model marks');
  assert.ok((await p.locator('table.unlinked tbody tr').count()) > 5);
  await shot(p, 'coverage-light');
  await p.getByRole('tab', { name: 'Synthesis' }).click();
  const set = await waitPosted(p, 'setState', (m) => m.state.view === 'synthesis');
  await send(p, ctx.fx.model(set.state));
  await p.locator('table.synthesis').waitFor();
  assert.equal(await p.locator('table.synthesis tbody tr').count(), 23);
  assert.equal(await p.locator('table.synthesis thead th').first().innerText(), 'Empirical factor');
  await shot(p, 'synthesis-light');
  await p.close();
});

test('saturation tab: bars of new codes, the cumulative line and a table, in interview order', async (ctx) => {
  const p = await open(ctx);
  await send(p, ctx.fx.model(ctx.state));
  await p.locator('table.matrix').waitFor();
  await p.getByRole('tab', { name: 'Saturation' }).click();
  const set = await waitPosted(p, 'setState', (m) => m.state.view === 'saturation');
  const model = ctx.fx.model(set.state);
  const sat = model.saturation;
  assert.equal(sat.points.length, 14, 'every transcript');
  await send(p, model);
  const chart = p.locator('svg.saturation-chart');
  await chart.waitFor();
  assert.equal(await p.getAttribute('[role="tab"][aria-selected="true"]', 'id'), 'tab-saturation');
  // one image for screen readers, with a text alternative; the table carries the numbers
  assert.equal(await chart.getAttribute('role'), 'img');
  assert.match(await chart.getAttribute('aria-label'), /14 transcripts/);
  assert.equal(await chart.locator('rect.bar').count(), 14);
  assert.equal(await chart.locator('circle.dot').count(), 14);
  assert.equal((await chart.locator('path.line').getAttribute('d')).split(/[ML]/).filter(Boolean).length, 14);
  const rows = p.locator('table.saturation tbody tr');
  assert.equal(await rows.count(), 14);
  const cells = async (i) => (await rows.nth(i).locator('th, td').allInnerTexts()).map((x) => x.trim());
  for (let i = 0; i < 14; i++) {
    const [num, label, date, fresh, cum, codes] = await cells(i);
    const pt = sat.points[i];
    assert.deepEqual(
      [num, label, date, fresh, cum, codes],
      [String(i + 1), pt.label, pt.date ?? '', String(pt.newCodes.length), String(pt.cumulative), pt.newCodes.join(', ')],
    );
  }
  const dates = sat.points.map((x) => x.date);
  assert.deepEqual(dates, [...dates].sort(), 'interview order');
  assert.equal(sat.points[13].cumulative, sat.total);
  // taller bars for more new codes, in the theme's orange; the line in its blue
  const heights = await chart.locator('rect.bar').evaluateAll((bars) => bars.map((b) => Number(b.getAttribute('height'))));
  const most = sat.points.reduce((best, x, i) => (x.newCodes.length > sat.points[best].newCodes.length ? i : best), 0);
  assert.equal(Math.max(...heights), heights[most]);
  sat.points.forEach((x, i) => x.newCodes.length === 0 && assert.equal(heights[i], 0, `no bar for ${x.label}`));
  assert.equal(
    await chart
      .locator('rect.bar')
      .first()
      .evaluate((n) => getComputedStyle(n).fill),
    'rgb(209, 134, 22)',
  );
  assert.equal(await chart.locator('path.line').evaluate((n) => getComputedStyle(n).stroke), 'rgb(55, 148, 255)');
  assert.ok((await p.locator('.saturation-summary').innerText()).startsWith(`14 transcripts in interview order · ${sat.total} codes used`));
  await shot(p, 'saturation-dark');
  // the export button asks the extension for the Markdown + SVG export
  const exportButtons = p.locator('.actions vscode-button');
  assert.equal(await exportButtons.count(), 1);
  await exportButtons.first().click();
  assert.deepEqual(await lastPosted(p, 'export'), { type: 'export', format: 'markdown' });
  await p.close();
});

test('saturation tab: a hostile transcript label shows as text; filters and updates re-render it (light theme)', async (ctx) => {
  const p = await open(ctx, 'light');
  const state = { ...ctx.state, view: 'saturation' };
  await send(p, ctx.fx.model(state));
  const row = p.locator(`table.saturation tbody tr[data-doc="${ctx.fx.hostileDoc}"]`);
  await row.waitFor();
  assert.equal((await row.locator('th').innerText()).trim(), `Respondent A, interview 1${ctx.fx.HOSTILE}`);
  const title = await p.locator(`svg.saturation-chart g.point[data-doc="${ctx.fx.hostileDoc}"] title`).textContent();
  assert.ok(title.startsWith(`Respondent A, interview 1${ctx.fx.HOSTILE}`), title);
  assert.equal(await p.locator('img').count(), 0, 'no <img> element');
  await p.waitForTimeout(300);
  assert.equal(await p.evaluate(() => window.__xss), undefined, 'onerror did not run');
  assert.deepEqual(ctx.dialogs, [], 'no alert');
  await shot(p, 'saturation-light');
  // the case filter applies: only the NDS transcripts
  await p.locator('details.filters summary').click();
  await p.locator('fieldset[data-filter="cases"] vscode-checkbox[data-value="NDS"]').click();
  const on = await waitPosted(p, 'setState', (m) => (m.state.options.filters?.cases ?? []).length > 0);
  assert.equal(on.state.view, 'saturation');
  const filtered = ctx.fx.model(on.state);
  const nds = ctx.fx.study.documents.filter((d) => ctx.fx.study.caseOf(d.path) === 'NDS').length;
  assert.equal(filtered.saturation.points.length, nds);
  await send(p, filtered);
  await p.waitForFunction(
    (n) =>
      document.querySelectorAll('table.saturation tbody tr').length === n &&
      document.querySelectorAll('svg.saturation-chart rect.bar').length === n,
    nds,
  );
  assert.deepEqual(ctx.errors, []);
  await p.close();
});

test('no Content-Security-Policy violations and no script errors', async (ctx) => {
  const p = await open(ctx);
  await send(p, ctx.fx.model(ctx.state));
  await p.locator('table.matrix').waitFor();
  await p.locator('vscode-single-select[name="measure"]').click();
  await p.waitForTimeout(200);
  assert.deepEqual(await p.evaluate(() => window.__violations), []);
  assert.deepEqual(ctx.errors, []);
  await p.close();
});

test('measure: first render of a 300 × 20 matrix', async (ctx) => {
  const p = await open(ctx);
  const big = ctx.fx.bigModel(300, 20);
  const times = [];
  for (let i = 0; i < 5; i++) {
    if (i > 0) {
      await p.reload();
      await p.waitForFunction(() => window.__posted.some((m) => m.type === 'ready'));
    }
    const t = await p.evaluate(async (m) => {
      const t0 = performance.now();
      let built = 0;
      // runs right after the webview's own message listener (same task): its DOM is built
      window.addEventListener(
        'message',
        () => {
          built = performance.now() - t0;
        },
        { once: true, capture: false },
      );
      window.postMessage(m, '*');
      while (!built) await new Promise((r) => setTimeout(r, 0));
      const l0 = performance.now();
      void document.body.offsetHeight; // style and layout (if the elements' own updates have not forced it already)
      const layout = performance.now() - l0;
      await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
      return { dom: built, layout, painted: performance.now() - t0 };
    }, big);
    times.push(t);
  }
  assert.equal(await p.locator('table.matrix tbody tr').count(), 300);
  assert.equal(await p.locator('table.matrix tbody td').count(), 300 * 21);
  const med = (k) => times.map((t) => t[k]).sort((a, b) => a - b)[2];
  log(
    `first render of 300 × 20: script (DOM built) ${med('dom').toFixed(1)} ms, then style+layout ${med('layout').toFixed(1)} ms, on screen after ${med('painted').toFixed(1)} ms (medians of 5 fresh pages; load average ${os.loadavg()[0].toFixed(1)})`,
  );
  await shot(p, 'big-300x20');
  await p.close();
});

test('a live update (same rows and columns) changes the numbers in the table on screen; other rows rebuild it', async (ctx) => {
  const p = await open(ctx);
  const big = ctx.fx.bigModel(300, 20);
  await send(p, big);
  await p.waitForSelector('table.matrix tbody tr');
  const cell = p.locator('table.matrix tbody tr').nth(3).locator('td').nth(2);
  await cell.click();
  await p.evaluate(() => (document.querySelector('table.matrix').__marker = 1));
  const k = 3 * 20 + 2;
  const values = big.matrix.values.slice();
  values[k] += 1000;
  const rowTotals = big.matrix.rowTotals.slice();
  rowTotals[3] += 1000;
  const matrix = { ...big.matrix, values, codings: values, rowTotals, max: Math.max(big.matrix.max, values[k]) };
  await send(p, { ...big, matrix });
  await p.waitForFunction((v) => document.querySelectorAll('table.matrix tbody tr')[3].cells[3].textContent === String(v), values[k]);
  const after = await p.evaluate(() => {
    const table = document.querySelector('table.matrix');
    const row = table.tBodies[0].rows[3];
    return {
      kept: table.__marker === 1,
      focused: document.activeElement === row.cells[3],
      selected: row.cells[3].getAttribute('aria-selected'),
      heat: row.cells[3].className,
      total: row.cells[21].textContent,
      cells: table.querySelectorAll('tbody td').length,
    };
  });
  assert.deepEqual(after, { kept: true, focused: true, selected: 'true', heat: 'h9', total: String(rowTotals[3]), cells: 300 * 21 });
  // Another row set: a new table, made from the new model.
  const fewer = ctx.fx.bigModel(10, 20);
  await send(p, fewer);
  await p.waitForFunction(() => document.querySelectorAll('table.matrix tbody tr').length === 10);
  assert.equal(await p.evaluate(() => document.querySelector('table.matrix').__marker), undefined);
  assert.deepEqual(ctx.errors, []);
  await p.close();
});

registerMarginTests(test, { open, send, posted, waitPosted, shot });

// ---------- runner ----------

async function main() {
  if (!fs.existsSync(path.join(REPO, 'dist', 'webview.js'))) throw new Error('dist/webview.js missing — run npm run build first');
  fs.rmSync(OUT, { recursive: true, force: true });
  fs.mkdirSync(OUT, { recursive: true });
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'codeboom-webview-'));
  let server;
  let browser;
  let passed = 0;
  let failed = 0;
  try {
    const mod = await loadFixtures(tmp);
    const fx = {
      ...(await mod.sampleFixtures(SAMPLE)),
      bigModel: mod.bigModel,
      HOSTILE: mod.HOSTILE,
      contentSecurityPolicy: mod.contentSecurityPolicy,
      marginModel: mod.marginModel,
      root: SAMPLE,
    };
    server = await serve(fx);
    const base = `http://127.0.0.1:${server.address().port}`;
    browser = await launchBrowser({ runDir: tmp });
    const state = { view: 'matrix', options: { rows: 'tree', columns: { kind: 'case' }, measure: 'codings', filters: {} }, collapsed: [] };
    for (const t of tests) {
      const ctx = { browser, base, fx, state, dialogs: [], errors: [] };
      const t0 = Date.now();
      try {
        await t.fn(ctx);
        passed++;
        log(`ok   ${t.name} (${Date.now() - t0} ms)`);
      } catch (e) {
        failed++;
        log(`FAIL ${t.name}\n${e?.stack || e}`);
      }
    }
  } catch (e) {
    failed++;
    log(`FAIL setup\n${e?.stack || e}`);
  } finally {
    await browser?.close().catch(() => {});
    server?.close();
    fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`webview: ${passed} passed, ${failed} failed`);
  process.exit(failed || passed === 0 ? 1 : 0);
}

// Imported (test/bench/webview.mjs uses the page and the fixtures): no tests run.
if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main();
}
