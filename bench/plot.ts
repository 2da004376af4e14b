// A small SVG line chart for the benches: panels stacked over one shared x axis, one line per series.
// Hand-written: a plotting library would be a dependency for forty lines of output.

export interface Series {
  name: string;
  color: string;
  points: { x: number; y: number }[];
}

export interface PlotSpec {
  title: string;
  xLabel: string;
  panels: { yLabel: string; series: Series[] }[];
}

const WIDTH = 760;
const PANEL_HEIGHT = 230;
const LEFT = 64;
const RIGHT = 20;
const TOP = 40;
const GAP = 56;

const escape = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** 0, 1, 2, 5 × 10^k steps giving about `count` ticks up to max. */
function ticks(max: number, count: number): number[] {
  const raw = max / count;
  const magnitude = 10 ** Math.floor(Math.log10(raw || 1));
  const step = [1, 2, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = 0; v <= max + step / 2; v += step) out.push(v);
  return out;
}

export function svgPlot(spec: PlotSpec): string {
  const plotWidth = WIDTH - LEFT - RIGHT;
  const xMax = Math.max(1, ...spec.panels.flatMap((p) => p.series.flatMap((s) => s.points.map((pt) => pt.x))));
  const xTicks = ticks(xMax, 8);
  const xEnd = xTicks.at(-1)!;
  const height = TOP + spec.panels.length * (PANEL_HEIGHT + GAP) + 30;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="sans-serif" font-size="12">`,
    `<rect width="100%" height="100%" fill="#fff"/>`,
    `<text x="${WIDTH / 2}" y="20" text-anchor="middle" font-size="13">${escape(spec.title)}</text>`,
  ];
  spec.panels.forEach((panel, index) => {
    const top = TOP + index * (PANEL_HEIGHT + GAP);
    const yMax = Math.max(1, ...panel.series.flatMap((s) => s.points.map((p) => p.y)));
    const yTicks = ticks(yMax * 1.05, 5);
    const yEnd = yTicks.at(-1)!;
    const px = (x: number) => LEFT + (x / xEnd) * plotWidth;
    const py = (y: number) => top + PANEL_HEIGHT - (y / yEnd) * PANEL_HEIGHT;
    for (const y of yTicks) {
      out.push(`<line x1="${LEFT}" x2="${LEFT + plotWidth}" y1="${py(y).toFixed(1)}" y2="${py(y).toFixed(1)}" stroke="#e5e5e5"/>`);
      out.push(`<text x="${LEFT - 6}" y="${(py(y) + 4).toFixed(1)}" text-anchor="end">${y}</text>`);
    }
    for (const x of xTicks) out.push(`<text x="${px(x).toFixed(1)}" y="${top + PANEL_HEIGHT + 16}" text-anchor="middle">${x}</text>`);
    out.push(`<rect x="${LEFT}" y="${top}" width="${plotWidth}" height="${PANEL_HEIGHT}" fill="none" stroke="#999"/>`);
    out.push(`<text transform="translate(16 ${top + PANEL_HEIGHT / 2}) rotate(-90)" text-anchor="middle">${escape(panel.yLabel)}</text>`);
    panel.series.forEach((s, k) => {
      if (s.points.length) {
        const d = s.points.map((p, i) => `${i ? 'L' : 'M'}${px(p.x).toFixed(1)} ${py(p.y).toFixed(1)}`).join('');
        out.push(`<path d="${d}" fill="none" stroke="${s.color}" stroke-width="1.6"/>`);
      }
      const ly = top + 14 + k * 16;
      out.push(`<line x1="${LEFT + 10}" x2="${LEFT + 30}" y1="${ly - 4}" y2="${ly - 4}" stroke="${s.color}" stroke-width="2"/>`);
      out.push(`<text x="${LEFT + 36}" y="${ly}">${escape(s.name)}</text>`);
    });
    out.push(`<text x="${LEFT + plotWidth / 2}" y="${top + PANEL_HEIGHT + 32}" text-anchor="middle">${escape(spec.xLabel)}</text>`);
  });
  out.push('</svg>');
  return `${out.join('\n')}\n`;
}
