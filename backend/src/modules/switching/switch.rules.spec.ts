import { DEFAULT_LEAD_TIME_DAYS, earliestSwitch, planStatus, proposeTimeline, timelineErrors } from './switch.rules';

describe('earliestSwitch', () => {
  const today = '2027-01-10';

  it('is today + the notice period when that is on or before the end date (termination on that day)', () => {
    const e = earliestSwitch(today, { endDate: '2027-12-31', noticePeriodDays: 90, terminationDate: null });
    expect(e).toMatchObject({ switchDate: '2027-04-10', terminationDate: '2027-04-10', basis: 'notice_period' });
  });

  it('is the day after the end date once notice would reach beyond it (no termination needed)', () => {
    const e = earliestSwitch(today, { endDate: '2027-03-31', noticePeriodDays: 90, terminationDate: null });
    expect(e).toMatchObject({ switchDate: '2027-04-01', terminationDate: null, basis: 'end_date' });
  });

  it('treats notice reaching exactly the end date as a termination on the end date', () => {
    const e = earliestSwitch(today, { endDate: '2027-04-10', noticePeriodDays: 90, terminationDate: null });
    expect(e).toMatchObject({ switchDate: '2027-04-10', terminationDate: '2027-04-10', basis: 'notice_period' });
    // One day more and the contract simply ends: the switch is the day after the end date either way.
    expect(earliestSwitch(today, { endDate: '2027-04-09', noticePeriodDays: 90, terminationDate: null })).toMatchObject({ switchDate: '2027-04-10', basis: 'end_date' });
  });

  it('needs at least a day: a zero notice period means tomorrow', () => {
    expect(earliestSwitch(today, { endDate: '2027-12-31', noticePeriodDays: 0, terminationDate: null }).switchDate).toBe('2027-01-11');
  });

  it('follows a termination already scheduled', () => {
    const e = earliestSwitch(today, { endDate: '2027-12-31', noticePeriodDays: 90, terminationDate: '2027-06-01' });
    expect(e).toMatchObject({ switchDate: '2027-06-01', terminationDate: null, basis: 'already_ending' });
  });

  it('crosses month and leap-year boundaries as calendar days', () => {
    expect(earliestSwitch('2027-12-15', { endDate: '2029-01-01', noticePeriodDays: 76, terminationDate: null }).switchDate).toBe('2028-02-29');
  });

  it('assumes a default lead time without a contract', () => {
    const e = earliestSwitch(today, null);
    expect(DEFAULT_LEAD_TIME_DAYS).toBe(90);
    expect(e).toMatchObject({ switchDate: '2027-04-10', terminationDate: null, basis: 'default_lead_time' });
  });
});

describe('proposeTimeline', () => {
  it('puts notice and order today, preparation before the switch and decommission after', () => {
    const steps = proposeTimeline('2027-01-10', '2027-04-10', true);
    expect(Object.fromEntries(steps.map((s) => [s.key, s.dueDate]))).toEqual({
      give_notice: '2027-01-10',
      order: '2027-01-10',
      data_migration: '2027-03-11',
      integrations: '2027-03-20',
      training: '2027-03-27',
      go_live: '2027-04-10',
      decommission: '2027-05-10',
    });
  });

  it('never proposes a date before today, and has no notice step without a contract', () => {
    const steps = proposeTimeline('2027-01-10', '2027-01-20', false);
    expect(steps.map((s) => s.key)).not.toContain('give_notice');
    expect(steps.find((s) => s.key === 'data_migration')!.dueDate).toBe('2027-01-10');
  });
});

describe('timelineErrors', () => {
  const base = proposeTimeline('2027-01-10', '2027-04-10', true).map(({ key, dueDate }) => ({ key, dueDate }));
  const withDate = (key: string, dueDate: string) => base.map((s) => (s.key === key ? { ...s, dueDate } : s));

  it('accepts the proposed timeline', () => {
    expect(timelineErrors(base, '2027-04-10', '2027-01-10', false)).toEqual([]);
  });

  it('rejects dates that are not real', () => {
    expect(timelineErrors(withDate('training', '2027-02-30'), '2027-04-10', '2027-01-10', false)).toEqual([
      { field: 'steps.training.dueDate', message: expect.stringContaining('real date') },
    ]);
  });

  it('keeps preparation before go-live and decommissioning after it', () => {
    const errors = timelineErrors(withDate('go_live', '2027-05-20').map((s) => (s.key === 'decommission' ? { ...s, dueDate: '2027-05-19' } : s)), '2027-04-10', '2027-01-10', false);
    expect(errors.map((e) => e.field)).toEqual(['steps.decommission.dueDate']);
    expect(timelineErrors(withDate('training', '2027-04-11'), '2027-04-10', '2027-01-10', false).map((e) => e.field)).toEqual(['steps.training.dueDate']);
  });

  it('refuses go-live before the earliest switch date unless the overlap is acknowledged', () => {
    const early = withDate('go_live', '2027-04-01');
    expect(timelineErrors(early, '2027-04-10', '2027-01-10', false).map((e) => e.field)).toEqual(['steps.go_live.dueDate']);
    expect(timelineErrors(early, '2027-04-10', '2027-01-10', true)).toEqual([]);
  });
});

describe('planStatus', () => {
  it('is planned, in progress or completed from the steps', () => {
    expect(planStatus(['not_started', 'not_started'], false)).toBe('planned');
    expect(planStatus(['not_started', 'not_started'], true)).toBe('in_progress');
    expect(planStatus(['done', 'in_progress'], false)).toBe('in_progress');
    expect(planStatus(['done', 'done'], false)).toBe('completed');
  });
});
