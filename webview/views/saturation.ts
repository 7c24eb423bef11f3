/** The saturation view: new and cumulative codes per transcript, as a chart and a table. */
import { el, fmt, numberCell, svg } from '../dom';
import type { SaturationView, UiStrings } from '../protocol';

/** A round axis maximum and tick step (at most about six ticks). */
function niceScale(max: number): { top: number; step: number } {
  const target = Math.max(1, max);
  for (const base of [1, 2, 5, 10, 20, 25, 50, 100, 200, 250, 500, 1000, 2000, 5000, 10000]) {
    if (target / base <= 6) {
      return { top: Math.ceil(target / base) * base, step: base };
    }
  }
  const step = 10 ** Math.ceil(Math.log10(target / 6));
  return { top: Math.ceil(target / step) * step, step };
}

/**
 * The saturation chart: per transcript (in interview order) a bar with the codes it used for the
 * first time and a line with the cumulative number of codes, both on one axis. Colours are the
 * theme's chart colours (CSS classes). The SVG is one image for screen readers; the table below
 * it carries the numbers.
 */
function saturationChart(sat: SaturationView, t: UiStrings): SVGElement {
  const n = sat.points.length;
  const rotate = n > 8;
  const longest = sat.points.reduce((m, p) => Math.max(m, Math.min(14, p.short.length)), 1);
  const padL = 40;
  const padR = 18;
  const padT = 18;
  const padB = rotate ? 22 + longest * 5.2 : 30;
  const W = Math.max(420, Math.min(1200, padL + padR + n * 56));
  const plotH = 220;
  const H = padT + plotH + padB;
  const plotW = W - padL - padR;
  const { top, step } = niceScale(sat.total);
  const y = (v: number): number => padT + plotH - (v / top) * plotH;
  const band = plotW / Math.max(1, n);
  const cx = (i: number): number => padL + band * (i + 0.5);
  const barW = Math.max(4, Math.min(28, band * 0.55));

  const chart = svg('svg', {
    class: 'saturation-chart',
    viewBox: `0 0 ${W} ${H}`,
    width: W,
    height: H,
    role: 'img',
    'aria-label': fmt(t.saturationChart, n),
  });
  const grid = svg('g', { class: 'grid', 'aria-hidden': 'true' });
  for (let v = 0; v <= top; v += step) {
    const yy = y(v).toFixed(1);
    grid.append(
      svg('line', { x1: padL, x2: W - padR, y1: yy, y2: yy, class: v === 0 ? 'axis' : 'gridline' }),
      svg('text', { x: padL - 6, y: yy, class: 'tick', 'text-anchor': 'end', 'dominant-baseline': 'middle' }, String(v)),
    );
  }
  chart.append(grid);

  const bars = svg('g', { class: 'bars' });
  sat.points.forEach((p, i) => {
    const k = p.newCodes.length;
    const g = svg('g', { class: 'point', 'data-doc': p.doc });
    g.append(
      svg('title', {}, `${p.label}${p.date ? ` (${p.date})` : ''} — ${t.saturationNew}: ${k} · ${t.saturationCumulative}: ${p.cumulative}`),
    );
    const h = (k / top) * plotH;
    g.append(
      svg('rect', {
        class: 'bar',
        x: (cx(i) - barW / 2).toFixed(1),
        y: y(k).toFixed(1),
        width: barW.toFixed(1),
        height: Math.max(0, h).toFixed(1),
      }),
    );
    if (k > 0) {
      // above the bar, unless the line's dot is there (always so for the first transcript): then inside its top
      const inside = h >= 20 && Math.abs(y(k) - y(p.cumulative)) < 14;
      g.append(
        svg(
          'text',
          {
            class: inside ? 'bar-value inside' : 'bar-value',
            x: cx(i).toFixed(1),
            y: (inside ? y(k) + Math.max(14, h / 2 + 4) : y(k) - 4).toFixed(1),
            'text-anchor': 'middle',
          },
          String(k),
        ),
      );
    }
    const lx = cx(i).toFixed(1);
    const ly = (padT + plotH + 14).toFixed(1);
    const label = p.short.length > 14 ? `${p.short.slice(0, 13)}…` : p.short;
    g.append(
      svg(
        'text',
        rotate
          ? { class: 'tick x', x: lx, y: ly, 'text-anchor': 'end', transform: `rotate(-40 ${lx} ${ly})` }
          : { class: 'tick x', x: lx, y: ly, 'text-anchor': 'middle' },
        label,
      ),
    );
    bars.append(g);
  });
  chart.append(bars);

  if (n > 0) {
    const d = sat.points.map((p, i) => `${i ? 'L' : 'M'}${cx(i).toFixed(1)},${y(p.cumulative).toFixed(1)}`).join(' ');
    const line = svg('g', { class: 'cumulative', 'aria-hidden': 'true' }, svg('path', { class: 'line', d }));
    sat.points.forEach((p, i) =>
      line.append(svg('circle', { class: 'dot', cx: cx(i).toFixed(1), cy: y(p.cumulative).toFixed(1), r: 3.5 })),
    );
    const last = sat.points[n - 1];
    line.append(
      svg(
        'text',
        { class: 'line-value', x: (cx(n - 1) + 7).toFixed(1), y: (y(last.cumulative) - 7).toFixed(1), 'text-anchor': 'end' },
        String(last.cumulative),
      ),
    );
    chart.append(line);
  }
  return chart;
}

function saturationTable(sat: SaturationView, t: UiStrings): HTMLTableElement {
  const table = el('table', { class: 'saturation', 'aria-label': t.viewSaturation });
  table.append(
    el(
      'thead',
      {},
      el(
        'tr',
        {},
        el('th', { scope: 'col', class: 'n' }, t.saturationNumber),
        el('th', { scope: 'col' }, t.transcript),
        el('th', { scope: 'col' }, t.date),
        el('th', { scope: 'col', class: 'n' }, t.saturationNew),
        el('th', { scope: 'col', class: 'n' }, t.saturationCumulative),
        el('th', { scope: 'col' }, t.firstUsed),
      ),
    ),
  );
  const tbody = el('tbody');
  sat.points.forEach((p, i) => {
    tbody.append(
      el(
        'tr',
        { 'data-doc': p.doc, class: p.newCodes.length ? undefined : 'none-new' },
        numberCell(i + 1),
        el('th', { scope: 'row', title: p.doc }, p.label),
        el('td', { class: 'date' }, p.date ?? ''),
        numberCell(p.newCodes.length),
        numberCell(p.cumulative),
        el('td', { class: 'codes' }, p.newCodes.join(', ')),
      ),
    );
  });
  table.append(tbody);
  return table;
}

/** The view's content: a summary, the legend, the chart and the table (or a hint when there is no transcript). */
export function saturationNodes(sat: SaturationView, t: UiStrings): Node[] {
  if (sat.points.length === 0) {
    return [el('p', { class: 'hint' }, t.saturationEmpty)];
  }
  const summary = [
    fmt(t.saturationSummary, sat.points.length, sat.total),
    sat.trailingWithoutNew > 0 ? fmt(t.saturationStill, sat.trailingWithoutNew) : '',
  ]
    .filter(Boolean)
    .join(' · ');
  const legend = el(
    'ul',
    { class: 'legend' },
    el('li', {}, el('span', { class: 'key bar', 'aria-hidden': 'true' }), t.saturationNew),
    el('li', {}, el('span', { class: 'key line', 'aria-hidden': 'true' }), t.saturationCumulative),
  );
  const figure = el('figure', { class: 'saturation' }, saturationChart(sat, t));
  return [el('p', { class: 'hint saturation-summary' }, summary), legend, figure, saturationTable(sat, t)];
}
