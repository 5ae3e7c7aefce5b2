import { addDays, addMonths, contractDates, formatOrderNumber, isCalendarDay, parseOrderNumber, termErrors, todayInLondon } from './order.rules';

describe('order numbers', () => {
  it('formats the call-off number and revision', () => {
    expect(formatOrderNumber(123, 1)).toBe('C000123-01');
    expect(formatOrderNumber(999999, 12)).toBe('C999999-12');
  });
  it('parses only well-formed numbers', () => {
    expect(parseOrderNumber('C000123-01')).toEqual({ number: 123, revision: 1 });
    expect(parseOrderNumber('C000000-01')).toBeNull();
    expect(parseOrderNumber('C000123-00')).toBeNull();
    expect(parseOrderNumber('C123-01')).toBeNull();
    expect(parseOrderNumber('c000123-01')).toBeNull();
    expect(parseOrderNumber('C000123-01x')).toBeNull();
  });
});

describe('calendar days', () => {
  it('accepts only real days', () => {
    expect(isCalendarDay('2028-02-29')).toBe(true);
    expect(isCalendarDay('2027-02-29')).toBe(false);
    expect(isCalendarDay('2027-13-01')).toBe(false);
    expect(isCalendarDay('2027-1-01')).toBe(false);
  });
  it('adds months clamped to the end of the month', () => {
    expect(addMonths('2027-01-31', 1)).toBe('2027-02-28');
    expect(addMonths('2028-01-31', 1)).toBe('2028-02-29');
    expect(addMonths('2027-03-31', -1)).toBe('2027-02-28');
    expect(addMonths('2026-11-23', -3)).toBe('2026-08-23');
    expect(addMonths('2026-12-15', 36)).toBe('2029-12-15');
  });
  it('adds days across months and years', () => {
    expect(addDays('2029-12-31', -90)).toBe('2029-10-02');
    expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
    expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  });
  it('takes today in London, not UTC', () => {
    // 23:30 UTC on 30 June is already 1 July in British Summer Time
    expect(todayInLondon(new Date('2027-06-30T23:30:00Z'))).toBe('2027-07-01');
    expect(todayInLondon(new Date('2027-12-31T23:30:00Z'))).toBe('2027-12-31');
  });
});

describe('termErrors', () => {
  const today = '2026-11-23';
  const ok = { commencementDate: '2027-01-01', initialPeriodMonths: 3, maximumTermMonths: 36 };
  it('accepts a valid term', () => {
    expect(termErrors(ok, 36, today)).toEqual([]);
  });
  it('allows commencement exactly three months ago but not a day earlier', () => {
    expect(termErrors({ ...ok, commencementDate: '2026-08-23' }, 36, today)).toEqual([]);
    expect(termErrors({ ...ok, commencementDate: '2026-08-22' }, 36, today)).toEqual([
      { field: 'commencementDate', message: 'Commencement date must be no more than 3 months in the past (on or after 2026-08-23)' },
    ]);
  });
  it('refuses an impossible date', () => {
    expect(termErrors({ ...ok, commencementDate: '2027-02-30' }, 36, today)[0].field).toBe('commencementDate');
  });
  it('refuses a maximum term beyond the framework maximum', () => {
    expect(termErrors({ ...ok, maximumTermMonths: 37 }, 36, today)).toEqual([
      { field: 'maximumTermMonths', message: "Maximum term must be 36 months or less (the framework's maximum)" },
    ]);
  });
  it('requires the maximum term to be longer than the initial period', () => {
    expect(termErrors({ ...ok, initialPeriodMonths: 36, maximumTermMonths: 36 }, 36, today)).toEqual([
      { field: 'maximumTermMonths', message: 'Maximum term must be longer than the initial period' },
    ]);
  });
});

describe('contractDates', () => {
  it('ends the day before commencement + term, with the notice deadline before that', () => {
    expect(contractDates('2027-01-01', 36, 90)).toEqual({ startDate: '2027-01-01', endDate: '2029-12-31', noticeDeadline: '2029-10-02' });
  });
  it('handles month ends and leap years', () => {
    expect(contractDates('2027-02-28', 12, 0)).toEqual({ startDate: '2027-02-28', endDate: '2028-02-27', noticeDeadline: '2028-02-27' });
    expect(contractDates('2028-02-29', 12, 30)).toEqual({ startDate: '2028-02-29', endDate: '2029-02-27', noticeDeadline: '2029-01-28' });
  });
});
