// The JSON report: the Report as built by evaluate(), serialised as is (schema/report.schema.json).

import type { Report } from '../types.ts';

export function renderJson(report: Report): string {
  return `${JSON.stringify(report, null, 2)}\n`;
}
