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

/** The calendar day `days` days after `date` (negative: before). */
export function addDays(date: string, days: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return new Date(Date.UTC(y, m - 1, d + days)).toISOString().slice(0, 10);
}

/**
 * The last audit date on which `date` is still within the `months`-month window: a date published on
 * 2026-10-22 stays within 12 months until 2027-10-22. Month ends are clamped as monthsBefore clamps
 * them, so the answer is found by stepping over the few days around the month arithmetic's guess.
 */
export function lastDayWithin(date: string, months: number): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  const total = y * 12 + (m - 1) + months;
  const guess = `${String(Math.floor(total / 12)).padStart(4, '0')}-${String((total % 12) + 1).padStart(2, '0')}-01`;
  let day = addDays(guess, d - 5);
  while (withinMonths(date, addDays(day, 1), months)) day = addDays(day, 1);
  while (!withinMonths(date, day, months) && day > date) day = addDays(day, -1);
  return day;
}
