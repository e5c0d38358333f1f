/**
 * Charts as inline SVG, drawn from plain rows. Each chart is an image (`role="img"`) with a short accessible name
 * and a description that points to the same figures as a table (built by the panels). Sizes are in viewBox units;
 * the SVG scales to its container.
 */

const NS = 'http://www.w3.org/2000/svg';
const FONT = 13;

/** An SVG element with attributes and children (one or a list; strings become text). */
export function svgEl(tag, attrs = {}, children = []) {
  const node = document.createElementNS(NS, tag);
  for (const [name, value] of Object.entries(attrs)) {
    if (value !== undefined && value !== null) node.setAttribute(name, String(value));
  }
  for (const child of [].concat(children)) node.append(child);
  return node;
}

function root(width, height, { label, describedBy, testid }) {
  const svg = svgEl('svg', {
    viewBox: `0 0 ${width} ${height}`,
    width,
    height,
    role: 'img',
    'aria-label': label,
    'aria-describedby': describedBy,
    'data-testid': testid,
    focusable: 'false',
    class: 'grafiek',
  });
  // Why a maximum: a chart may shrink with its container but should not blow up its text on wide screens.
  svg.style.maxWidth = `${width}px`;
  return svg;
}

function text(x, y, content, attrs = {}) {
  return svgEl('text', { x, y, 'font-size': FONT, ...attrs }, [content]);
}

/** The round step (1, 2 or 5 × 10^n) at or above `raw`. */
export function niceStep(raw) {
  const power = 10 ** Math.floor(Math.log10(raw || 1));
  return [1, 2, 5, 10].map((m) => m * power).find((s) => s >= raw) ?? 10 * power;
}

/** Round tick values from 0 to at least `max` (about `count` steps of 1, 2 or 5 × 10^n). */
export function niceTicks(max, count = 4) {
  if (!(max > 0)) return [0, 1];
  const step = niceStep(max / count);
  const ticks = [];
  for (let v = 0; v < max + step; v += step) ticks.push(v);
  return ticks;
}

const BAR_WIDTH = 640;
const LABEL_WIDTH = 150;
const BAR_TOP = 8;

/**
 * What the horizontal bar charts share: the SVG, a scale from 0 to the last round tick at or above `max`, the
 * vertical grid with its tick labels, and each row's group with its label; `drawRow(g, row, y, scale)` adds the rest.
 */
function barChart(rows, { max, rightMargin, rowHeight, rowAttrs = {} }, options, drawRow) {
  const plotWidth = BAR_WIDTH - LABEL_WIDTH - rightMargin;
  const height = BAR_TOP + rows.length * rowHeight + 28;
  const svg = root(BAR_WIDTH, height, options);
  const ticks = niceTicks(max);
  const scale = (v) => (v / ticks.at(-1)) * plotWidth;

  const grid = svgEl('g', { class: 'hulplijnen', 'aria-hidden': 'true' });
  for (const t of ticks) {
    const x = LABEL_WIDTH + scale(t);
    grid.append(
      svgEl('line', {
        x1: x,
        x2: x,
        y1: BAR_TOP - 4,
        y2: BAR_TOP + rows.length * rowHeight,
        class: 'rasterlijn',
      }),
    );
    grid.append(text(x, height - 8, options.tickText(t), { 'text-anchor': 'middle', class: 'as-tekst' }));
  }
  svg.append(grid);

  rows.forEach((row, i) => {
    const y = BAR_TOP + i * rowHeight;
    const g = svgEl('g', { class: 'rij', ...rowAttrs });
    g.append(
      text(LABEL_WIDTH - 8, y + rowHeight / 2 + 4, row.label, { 'text-anchor': 'end', class: 'label' }),
    );
    drawRow(g, row, y, scale);
    svg.append(g);
  });
  return svg;
}

/**
 * Horizontal bars, one per row ({label, value, valueText}); a row without a value (suppressed or unknown) gets its
 * label and a note instead of a bar.
 */
export function horizontalBars(rows, options) {
  const rowHeight = 26;
  const max = Math.max(0, ...rows.map((r) => r.value ?? 0));
  return barChart(rows, { max, rightMargin: 70, rowHeight }, options, (g, row, y, scale) => {
    if (typeof row.value === 'number') {
      const w = Math.max(1, scale(row.value));
      g.append(
        svgEl(
          'rect',
          {
            x: LABEL_WIDTH,
            y: y + 5,
            width: w,
            height: rowHeight - 10,
            class: 'staaf',
            'data-testid': options.barTestid,
          },
          [svgEl('title', {}, [`${row.label}: ${row.valueText}`])],
        ),
      );
      g.append(text(LABEL_WIDTH + w + 6, y + rowHeight / 2 + 4, row.valueText, { class: 'waarde' }));
    } else {
      g.append(text(LABEL_WIDTH + 6, y + rowHeight / 2 + 4, row.valueText, { class: 'leeg' }));
    }
  });
}

/**
 * Spending against budget: per row a budget track and the approved amount inside it, with a marker at the share of
 * the year that has passed (what "on track" would be).
 */
export function budgetBars(rows, options) {
  const rowHeight = 30;
  const max = Math.max(0, ...rows.flatMap((r) => [r.budget, r.toegekend]));
  const rowAttrs = { 'data-testid': options.barTestid };
  return barChart(rows, { max, rightMargin: 60, rowHeight, rowAttrs }, options, (g, row, y, linear) => {
    const scale = (v) => linear(Math.max(0, v));
    if (row.budget > 0) {
      g.append(
        svgEl('rect', {
          x: LABEL_WIDTH,
          y: y + 4,
          width: scale(row.budget),
          height: rowHeight - 8,
          class: 'budget',
        }),
      );
    }
    const over = row.toegekend > row.budget;
    g.append(
      svgEl(
        'rect',
        {
          x: LABEL_WIDTH,
          y: y + 9,
          width: Math.max(1, scale(row.toegekend)),
          height: rowHeight - 18,
          class: over ? 'toegekend over' : 'toegekend',
        },
        [svgEl('title', {}, [`${row.label}: ${row.valueText}`])],
      ),
    );
    if (row.budget > 0 && options.naarRato > 0) {
      const x = LABEL_WIDTH + scale(row.budget * options.naarRato);
      g.append(svgEl('line', { x1: x, x2: x, y1: y + 2, y2: y + rowHeight - 2, class: 'naar-rato' }));
    }
    const end = LABEL_WIDTH + Math.max(scale(row.budget), scale(row.toegekend));
    g.append(text(end + 6, y + rowHeight / 2 + 4, row.shortText, { class: over ? 'waarde over' : 'waarde' }));
  });
}

/** A line over months ({label, value}); months without a value (suppressed) break the line and get no point. */
export function lineChart(points, options) {
  const width = 640;
  const height = 260;
  const margin = { left: 76, right: 32, top: 14, bottom: 40 };
  const plotWidth = width - margin.left - margin.right;
  const plotHeight = height - margin.top - margin.bottom;
  const svg = root(width, height, options);
  const ticks = niceTicks(Math.max(0, ...points.map((p) => p.value ?? 0)));
  const x = (i) =>
    margin.left + (points.length === 1 ? plotWidth / 2 : (i / (points.length - 1)) * plotWidth);
  const y = (v) => margin.top + plotHeight - (v / ticks.at(-1)) * plotHeight;

  const grid = svgEl('g', { class: 'hulplijnen', 'aria-hidden': 'true' });
  for (const t of ticks) {
    grid.append(
      svgEl('line', { x1: margin.left, x2: width - margin.right, y1: y(t), y2: y(t), class: 'rasterlijn' }),
    );
    grid.append(
      text(margin.left - 8, y(t) + 4, options.tickText(t), { 'text-anchor': 'end', class: 'as-tekst' }),
    );
  }
  // Why a step: month labels must not overlap, whatever the length of the period.
  const step = Math.max(1, Math.ceil(points.length / 7));
  points.forEach((p, i) => {
    if (i % step === 0 || i === points.length - 1) {
      // The last month always gets its label; a regular label too close before it gives way.
      if (i !== points.length - 1 && points.length - 1 - i < step * 0.8) return;
      grid.append(text(x(i), height - 14, p.axisLabel, { 'text-anchor': 'middle', class: 'as-tekst' }));
    }
  });
  svg.append(grid);

  let d = '';
  let pen = false;
  points.forEach((p, i) => {
    if (typeof p.value !== 'number') {
      pen = false;
      return;
    }
    d += `${pen ? 'L' : 'M'}${x(i).toFixed(1)},${y(p.value).toFixed(1)}`;
    pen = true;
  });
  svg.append(svgEl('path', { d, class: 'lijn', 'aria-hidden': 'true' }));
  const dots = svgEl('g', { class: 'punten' });
  points.forEach((p, i) => {
    if (typeof p.value !== 'number') return;
    dots.append(
      svgEl(
        'circle',
        {
          cx: x(i),
          cy: y(p.value),
          r: points.length > 36 ? 2.5 : 4,
          class: 'punt',
          'data-testid': options.pointTestid,
        },
        [svgEl('title', {}, [`${p.label}: ${p.valueText}`])],
      ),
    );
  });
  svg.append(dots);
  return svg;
}

/** Steps of the heat map's colour scale, light to dark; from `DARK_FROM` on the text is white. */
export const HEAT_COLOURS = ['#e8f0f8', '#c6d9ec', '#94b8dc', '#5e92c5', '#2f67a3', '#154273'];
const DARK_FROM = 4;

/**
 * A matrix of rows × columns with one cell per item ({row, column, value, valueText}); colour by value (a
 * suppressed value counts as the lowest step), text the value.
 */
export function heatMap({ rows, columns, cells }, options) {
  const labelWidth = 150;
  const cellWidth = 46;
  const cellHeight = 28;
  const header = 118;
  const width = labelWidth + columns.length * cellWidth + 8;
  const height = header + rows.length * cellHeight + 4;
  const svg = root(width, height, options);
  const max = Math.max(1, ...cells.map((c) => (typeof c.value === 'number' ? c.value : 0)));
  const step = (v) =>
    typeof v === 'number'
      ? Math.min(HEAT_COLOURS.length - 1, Math.round(Math.sqrt(v / max) * (HEAT_COLOURS.length - 1)))
      : 0;

  const axes = svgEl('g', { 'aria-hidden': 'true' });
  axes.append(
    text(labelWidth - 8, header - 30, `${options.columnTitle} →`, {
      'text-anchor': 'end',
      class: 'as-tekst',
    }),
  );
  axes.append(
    text(labelWidth - 8, header - 10, `${options.rowTitle} ↓`, { 'text-anchor': 'end', class: 'as-tekst' }),
  );
  columns.forEach((c, j) => {
    const cx = labelWidth + j * cellWidth + cellWidth / 2;
    axes.append(
      text(cx, header - 8, c.label, { transform: `rotate(-45 ${cx} ${header - 8})`, class: 'label' }),
    );
  });
  rows.forEach((r, i) => {
    const y = header + i * cellHeight;
    axes.append(
      svgEl('rect', {
        x: labelWidth,
        y,
        width: columns.length * cellWidth,
        height: cellHeight,
        class: i % 2 ? 'band' : 'band even',
      }),
    );
    axes.append(
      text(labelWidth - 8, y + cellHeight / 2 + 4, r.label, { 'text-anchor': 'end', class: 'label' }),
    );
  });
  svg.append(axes);

  const rowIndex = new Map(rows.map((r, i) => [r.key, i]));
  const columnIndex = new Map(columns.map((c, j) => [c.key, j]));
  const grid = svgEl('g', { class: 'cellen' });
  for (const cell of cells) {
    const x = labelWidth + columnIndex.get(cell.column) * cellWidth;
    const y = header + rowIndex.get(cell.row) * cellHeight;
    const s = step(cell.value);
    const g = svgEl('g', { 'data-testid': options.cellTestid });
    g.append(
      svgEl(
        'rect',
        {
          x: x + 1,
          y: y + 1,
          width: cellWidth - 2,
          height: cellHeight - 2,
          fill: HEAT_COLOURS[s],
          class: 'cel',
        },
        [svgEl('title', {}, [cell.title])],
      ),
    );
    g.append(
      text(x + cellWidth / 2, y + cellHeight / 2 + 4, cell.valueText, {
        'text-anchor': 'middle',
        class: s >= DARK_FROM ? 'celtekst donker' : 'celtekst',
      }),
    );
    grid.append(g);
  }
  svg.append(grid);
  return svg;
}
