import { aggregate, billingStops, covers, londonMidnight, PlannedPart, reconcile } from './payments.service';

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

  it('charges an amendment only what earlier revisions’ payments and subscriptions do not cover', () => {
    const full: PlannedPart[] = [
      { part: 'one_off', kind: 'payment', interval: null, amountPence: 3000, coveredPence: 0, items: [{ itemId: 'T', name: 'Training', amountPence: 3000, coveredPence: 0 }] },
      {
        part: 'annual',
        kind: 'subscription',
        interval: 'year',
        amountPence: 1500,
        coveredPence: 0,
        items: [
          { itemId: 'A', name: 'System', amountPence: 1300, coveredPence: 0 },
          { itemId: 'B', name: 'Added', amountPence: 200, coveredPence: 0 },
        ],
      },
    ];
    const row = (part: 'one_off' | 'annual', status: any, covered: [string, number][], ids: { payment_intent_id?: string; subscription_id?: string } = {}) => ({
      part,
      kind: part === 'one_off' ? ('payment' as const) : ('subscription' as const),
      status,
      payment_intent_id: ids.payment_intent_id ?? null,
      subscription_id: ids.subscription_id ?? null,
      covers: covered.map(([itemId, amountPence]) => ({ itemId, amountPence })),
    });
    const [oneOff, annual] = reconcile(full, [
      row('one_off', 'paid', [['T', 2000]]),
      row('annual', 'paid', [['A', 1000]]),
      row('annual', 'failed', [['A', 100]], { subscription_id: 'sub_2' }), // still billing: Stripe retries
      row('annual', 'cancelled', [['B', 200]]), // ended: covers nothing
      row('one_off', 'pending', [['T', 1000]]), // a checkout never finished
    ]);
    expect(oneOff).toMatchObject({ amountPence: 1000, coveredPence: 2000 });
    expect(annual).toMatchObject({ amountPence: 400, coveredPence: 1100 });
    expect(annual.items).toEqual([
      { itemId: 'A', name: 'System', amountPence: 200, coveredPence: 1100 },
      { itemId: 'B', name: 'Added', amountPence: 200, coveredPence: 0 },
    ]);
    // An item that now costs less than was paid: nothing more to pay, nothing taken back here.
    expect(reconcile(full, [row('one_off', 'paid', [['T', 5000]])])[0]).toMatchObject({ amountPence: 0, coveredPence: 3000 });
    expect(covers(row('one_off', 'pending', [], { payment_intent_id: 'pi_1' }))).toBe(true); // Direct Debit on its way
    expect(covers(row('one_off', 'refunded', []))).toBe(false);
    expect(covers(row('annual', 'pending', [], { subscription_id: 'sub_1' }))).toBe(true);
    expect(covers(row('annual', 'expired', []))).toBe(false);
  });
});
