// Calendar windows: "within 12 months of the audit date", measured in calendar months and days as a
// program manager counts them (no time zones: dates are calendar days as written).

/** The calendar day `months` months before `asOf` (YYYY-MM-DD), clamped to the month's last day. */
export function monthsBefore(asOf: string, months: number): string {
  const [y, m, d] = asOf.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) - months;
  const year = Math.floor(total / 12);
  const month = total % 12; // 0-based
  const lastDay = new Date(Date.UTC(year, month + 1, 0)).getUTCDate();
  const day = Math.min(d, lastDay);
  return `${String(year).padStart(4, '0')}-${String(month + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** A date is within the window when it is on or after the cut-off and not after the audit date. */
export function withinMonths(date: string, asOf: string, months: number): boolean {
  return date >= monthsBefore(asOf, months) && date <= asOf;
}
