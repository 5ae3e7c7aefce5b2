import { dateProblems, statusOn, stepsBetween } from './lifecycle';

const dates = { interestFrom: '2027-01-04', opensOn: '2027-02-01', closesOn: '2027-03-01', resultsOn: '2027-03-29', liveOn: '2027-04-12', expiresOn: '2031-04-12' };

describe('framework lifecycle', () => {
  it.each([
    ['2027-01-10', 'coming'],
    ['2027-02-01', 'open'],
    ['2027-02-28', 'open'],
    ['2027-03-01', 'pending'],
    ['2027-03-29', 'standstill'],
    ['2027-04-12', 'live'],
    ['2031-04-11', 'live'],
    ['2031-04-12', 'expired'],
  ])('on %s a round is %s', (today, status) => expect(statusOn(dates, today)).toBe(status));

  it('moves forward one step at a time, never back', () => {
    expect(stepsBetween('open', 'standstill')).toEqual(['pending', 'standstill']);
    expect(stepsBetween('live', 'open')).toEqual([]);
    expect(stepsBetween('open', 'open')).toEqual([]);
  });

  it('wants dates in lifecycle order', () => {
    expect(dateProblems(dates)).toEqual([]);
    expect(dateProblems({ ...dates, closesOn: '2027-01-31' }).map((e) => e.field)).toEqual(['dates.closesOn']);
    expect(dateProblems({ ...dates, expiresOn: dates.liveOn }).map((e) => e.field)).toEqual(['dates.expiresOn']);
  });
});
