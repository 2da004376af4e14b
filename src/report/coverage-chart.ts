// Inline SVG chart of the site's retail coverage over the six core business areas of the AWS Retail
// Competency (checklist.md). Horizontal bars rather than a radar: six values on a shared 0–100 % axis
// are compared more accurately by length, and long labels fit. An English chart names each area in the
// checklist's Chinese edition's words too; a Chinese one in those words only.

import { RETAIL_AREAS, type RetailAreaId } from '../../analyzers/types.ts';
import type { Report } from '../types.ts';
import { formatValue, t, type Lang } from '../messages/index.ts';
import { escapeHtml } from './escape.ts';

/** An area's name in a language (label.area.<id>). */
export function areaLabel(lang: Lang, area: RetailAreaId): string {
  return t(lang, `label.area.${area}`);
}

/** A 0..1 score from possibly missing or out-of-range input. */
export function unitScore(value: unknown): number {
  const n = typeof value === 'number' && Number.isFinite(value) ? value : 0;
  return Math.min(1, Math.max(0, n));
}

/** A 0..1 score as a whole percentage, as the language writes one (Intl: 42%). */
export function percent(lang: Lang, value: unknown): string {
  return formatValue(lang, unitScore(value), 'percent');
}

const WIDTH = 760;
const LABEL_WIDTH = 330;
const BAR_WIDTH = 330;
const ROW_HEIGHT = 36;
const TOP = 26;

/** The chart as an inline <svg> element (no external resources, readable in print). */
export function renderCoverageChart(coverage: Report['retailCoverage'] | null | undefined, lang: Lang = 'en'): string {
  const areas = coverage?.areas ?? ({} as Partial<Record<RetailAreaId, number>>);
  const height = TOP + RETAIL_AREAS.length * ROW_HEIGHT + 34;
  const ticks = [0, 0.25, 0.5, 0.75, 1]
    .map((t) => {
      const x = LABEL_WIDTH + t * BAR_WIDTH;
      return (
        `<line x1="${x}" y1="${TOP - 6}" x2="${x}" y2="${TOP + RETAIL_AREAS.length * ROW_HEIGHT}" class="cc-grid"/>` +
        `<text x="${x}" y="${TOP - 10}" class="cc-tick" text-anchor="middle">${percent(lang, t)}</text>`
      );
    })
    .join('');
  const rows = RETAIL_AREAS.map((area, i) => {
    const value = unitScore(areas[area]);
    const y = TOP + i * ROW_HEIGHT;
    const barLength = Math.max(value * BAR_WIDTH, value > 0 ? 2 : 0);
    return (
      `<g class="cc-row">` +
      `<text x="${LABEL_WIDTH - 12}" y="${y + 22}" text-anchor="end" class="cc-label">` +
      `${escapeHtml(areaLabel(lang, area))}${secondLabel(lang, areaLabel('zh-TW', area))}</text>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 8}" width="${BAR_WIDTH}" height="20" class="cc-track"/>` +
      `<rect x="${LABEL_WIDTH}" y="${y + 8}" width="${barLength.toFixed(1)}" height="20" class="cc-bar${value < 0.2 ? ' cc-low' : ''}"/>` +
      `<text x="${LABEL_WIDTH + BAR_WIDTH + 8}" y="${y + 23}" class="cc-value">${percent(lang, value)}</text>` +
      `</g>`
    );
  }).join('');
  const overall = unitScore(coverage?.overall);
  const footY = TOP + RETAIL_AREAS.length * ROW_HEIGHT + 24;
  const description = RETAIL_AREAS.map((a) => `${areaLabel(lang, a)}: ${percent(lang, areas[a])}`).join('; ');
  return (
    `<svg class="coverage-chart" role="img" aria-labelledby="cc-title cc-desc" viewBox="0 0 ${WIDTH} ${height}" ` +
    `width="100%" style="max-width:${WIDTH}px" xmlns="http://www.w3.org/2000/svg">` +
    `<title id="cc-title">${escapeHtml(t(lang, 'chart.title'))}</title>` +
    `<desc id="cc-desc">${escapeHtml(t(lang, 'chart.description', { areas: description, overall: percent(lang, overall) }))}</desc>` +
    ticks +
    rows +
    `<text x="${LABEL_WIDTH - 12}" y="${footY}" text-anchor="end" class="cc-label cc-overall">${escapeHtml(t(lang, 'chart.overall'))}`
    + `${secondLabel(lang, t('zh-TW', 'chart.overall'))}</text>` +
    `<text x="${LABEL_WIDTH}" y="${footY}" class="cc-value cc-overall">${percent(lang, overall)}</text>` +
    `</svg>`
  );
}

/** The checklist's Chinese words after the English ones (an English chart only). */
function secondLabel(lang: Lang, zh: string): string {
  return lang === 'en' ? `<tspan class="cc-zh" dx="6" lang="zh-TW">${escapeHtml(zh)}</tspan>` : '';
}

/** CSS for the chart; the report inlines it once. */
export const COVERAGE_CHART_CSS = `
.coverage-chart { display:block; height:auto; font-size: 14px; font-family: inherit; }
.coverage-chart .cc-grid { stroke:#d8dde3; stroke-width:1; }
.coverage-chart .cc-tick { fill:#6b7280; font-size:11px; }
.coverage-chart .cc-label { fill:#1f2937; }
.coverage-chart .cc-zh { fill:#6b7280; }
.coverage-chart .cc-track { fill:#eef1f4; }
.coverage-chart .cc-bar { fill:#2563eb; }
.coverage-chart .cc-bar.cc-low { fill:#93a3b8; }
.coverage-chart .cc-value { fill:#1f2937; font-variant-numeric: tabular-nums; }
.coverage-chart .cc-overall { font-weight:600; }
`;
