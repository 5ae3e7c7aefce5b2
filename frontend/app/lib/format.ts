// Dates and numbers as people in England write them; times in UK local time whatever the server's zone.
const TIME_ZONE = 'Europe/London';

// Formatters are built once: constructing an Intl formatter costs far more than formatting with one,
// and a listing page formats hundreds of dates (it was the portal's costliest function in a profile).
const NUMBER = new Intl.NumberFormat('en-GB');
const DATE = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'long', year: 'numeric', timeZone: TIME_ZONE });
const DATE_TIME = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  second: '2-digit',
  timeZone: TIME_ZONE,
});

export function formatNumber(n: number | null | undefined): string {
  return n == null ? '' : NUMBER.format(n);
}

// Pages repeat the same few dates (assessed and expiry dates of dozens of standards): formatting one
// still costs microseconds each, so calendar dates are remembered (bounded: there are few distinct ones).
const formattedDates = new Map<string, string>();

export function formatDate(iso: string | null | undefined): string {
  if (!iso) return '';
  const known = formattedDates.get(iso);
  if (known !== undefined) return known;
  const d = new Date(iso.length === 10 ? `${iso}T12:00:00Z` : iso);
  if (Number.isNaN(d.getTime())) return iso;
  const text = DATE.format(d);
  if (iso.length === 10) {
    if (formattedDates.size >= 5000) formattedDates.clear();
    formattedDates.set(iso, text);
  }
  return text;
}

export function formatDateTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  return DATE_TIME.format(d);
}

export function plural(n: number, one: string, many = `${one}s`): string {
  return `${formatNumber(n)} ${n === 1 ? one : many}`;
}
