/**
 * RFC 4180 CSV. Cells that a spreadsheet would run as a formula (starting with = + - @, or a tab or
 * carriage return before one) get a leading single quote: OWASP "CSV injection" advice, since
 * listing text comes from suppliers and these files are opened by buyers in Excel.
 */
export function csvCell(value: unknown): string {
  let text = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: unknown[][]): string {
  return rows.map((r) => r.map(csvCell).join(',')).join('\r\n') + '\r\n';
}

/** A file name safe for Content-Disposition. */
export function attachment(name: string): string {
  const safe = name.replace(/[^A-Za-z0-9._-]+/g, '-').replace(/^-+|-+$/g, '') || 'export';
  return `attachment; filename="${safe}.csv"`;
}
