import { aggregate, billingStops, londonMidnight } from './payments.service';

describe('payments rules', () => {
  it('cancels subscriptions at midnight London time, in summer and in winter', () => {
    expect(londonMidnight('2027-01-01')).toBe(Date.UTC(2027, 0, 1) / 1000);
    expect(londonMidnight('2027-07-01')).toBe(Date.UTC(2027, 5, 30, 23) / 1000);
  });

  it('stops billing the day after the contract’s last day, or on its termination date', () => {
    expect(billingStops({ end_date: '2029-12-31', termination_date: null })).toBe('2030-01-01');
    expect(billingStops({ end_date: '2029-12-31', termination_date: '2028-03-01' })).toBe('2028-03-01');
    expect(billingStops(undefined)).toBeNull();
  });

  it('gives an order the status of its least settled part', () => {
    expect(aggregate(['paid', 'failed'])).toBe('failed');
    expect(aggregate(['paid', 'unpaid'])).toBe('unpaid');
    expect(aggregate(['paid', 'pending'])).toBe('pending');
    expect(aggregate(['paid', 'cancelled'])).toBe('paid');
    expect(aggregate(['refunded'])).toBe('refunded');
    expect(aggregate(['cancelled', 'cancelled'])).toBe('cancelled');
  });
});
