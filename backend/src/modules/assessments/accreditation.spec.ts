import { AccreditationInput, deriveAccreditation, requiredStandards } from './accreditation';

const TODAY = '2026-11-23';
const YESTERDAY = '2026-11-22';
const dates = { assessedOn: '2026-01-10', expiresOn: '2029-01-10' };

/** Two capabilities; C1 has MUST E1, E2, a MAY E3 and an inactive MUST E4; C2 has MUST E5. */
function input(): AccreditationInput {
  return {
    capabilities: [
      {
        id: 1,
        ref: 'C1',
        name: 'Appointments Management',
        epics: [
          { id: 'E1', name: 'Book', compliancy: 'MUST', isActive: true },
          { id: 'E2', name: 'Cancel', compliancy: 'MUST', isActive: true },
          { id: 'E3', name: 'Remind', compliancy: 'MAY', isActive: true },
          { id: 'E4', name: 'Retired', compliancy: 'MUST', isActive: false },
        ],
      },
      { id: 2, ref: 'C2', name: 'Prescribing', epics: [{ id: 'E5', name: 'Issue', compliancy: 'MUST', isActive: true }] },
    ],
    standards: [
      { id: 'S24', name: 'Business Continuity', type: 'Overarching', isDeleted: false, capabilityIds: [] },
      { id: 'S25', name: 'Clinical Safety', type: 'Overarching', isDeleted: false, capabilityIds: [] },
      { id: 'S90', name: 'Old overarching', type: 'Overarching', isDeleted: true, capabilityIds: [] },
      { id: 'S40', name: 'GP Connect', type: 'Other', isDeleted: false, capabilityIds: [2] },
      { id: 'S41', name: 'Old linked', type: 'Other', isDeleted: true, capabilityIds: [1] },
      { id: 'S42', name: 'Unrelated', type: 'Other', isDeleted: false, capabilityIds: [7] },
    ],
    results: {
      capabilities: { 1: { result: 'passed_full', ...dates }, 2: { result: 'passed_full', ...dates } },
      epics: { E1: { result: 'passed', ...dates }, E2: { result: 'passed', ...dates }, E5: { result: 'passed', ...dates } },
      standards: {
        S24: { result: 'met', dueOn: null, ...dates },
        S25: { result: 'met', dueOn: null, ...dates },
        S40: { result: 'met', dueOn: null, ...dates },
      },
    },
  };
}

describe('requiredStandards', () => {
  it('is the non-deleted overarching standards plus non-deleted standards linked to claimed capabilities', () => {
    expect(requiredStandards(input()).map((s) => s.id)).toEqual(['S24', 'S25', 'S40']);
  });
  it('drops capability-linked standards when the capability is not claimed', () => {
    const i = input();
    i.capabilities = i.capabilities.slice(0, 1);
    expect(requiredStandards(i).map((s) => s.id)).toEqual(['S24', 'S25']);
  });
});

describe('deriveAccreditation', () => {
  it('accredited when every required result is present and passing, naming the first expiry', () => {
    const i = input();
    i.results.standards.S25.expiresOn = '2027-06-01';
    const out = deriveAccreditation(i, TODAY);
    expect(out.status).toBe('accredited');
    expect(out.reason).toBe('Accredited: all 8 required results passed; the first to expire is standard S25 Clinical Safety on 2027-06-01.');
    expect(out.details).toHaveLength(8);
  });

  it('accredited with no expiry dates at all', () => {
    const i = input();
    for (const group of Object.values(i.results)) for (const r of Object.values(group)) (r as { expiresOn: string | null }).expiresOn = null;
    expect(deriveAccreditation(i, TODAY)).toMatchObject({ status: 'accredited', reason: 'Accredited: all 8 required results passed.' });
  });

  it('Passed – Partial is acceptable for a capability whose MUST epics pass', () => {
    const i = input();
    i.results.capabilities[1].result = 'passed_partial';
    expect(deriveAccreditation(i, TODAY).status).toBe('accredited');
  });

  it('a failed or not evidenced MAY epic, an inactive MUST epic, a deleted or unrelated standard do not matter', () => {
    const i = input();
    i.results.epics.E3 = { result: 'failed', ...dates };
    i.results.epics.E4 = { result: 'not_evidenced', ...dates };
    i.results.standards.S90 = { result: 'not_met', dueOn: null, ...dates };
    i.results.standards.S41 = { result: 'not_met', dueOn: null, ...dates };
    i.results.standards.S42 = { result: 'not_met', dueOn: null, assessedOn: '2020-01-01', expiresOn: '2021-01-01' };
    expect(deriveAccreditation(i, TODAY).status).toBe('accredited');
  });

  it('an inactive or MAY epic needs no result', () => {
    const i = input();
    expect(i.results.epics.E3).toBeUndefined();
    expect(i.results.epics.E4).toBeUndefined();
    expect(deriveAccreditation(i, TODAY).status).toBe('accredited');
  });

  describe('failed', () => {
    it('a Failed capability', () => {
      const i = input();
      i.results.capabilities[2].result = 'failed';
      expect(deriveAccreditation(i, TODAY)).toMatchObject({
        status: 'failed',
        reason: 'Failed: capability C2 Prescribing was assessed as Failed on 2026-01-10.',
      });
    });
    it('a Failed MUST epic', () => {
      const i = input();
      i.results.epics.E2.result = 'failed';
      expect(deriveAccreditation(i, TODAY).reason).toBe('Failed: MUST epic E2 Cancel (C1) was assessed as Failed on 2026-01-10.');
    });
    it('a Not evidenced MUST epic', () => {
      const i = input();
      i.results.epics.E5.result = 'not_evidenced';
      expect(deriveAccreditation(i, TODAY)).toMatchObject({ status: 'failed', reason: expect.stringContaining('E5 Issue (C2) was assessed as Not evidenced') });
    });
    it('a Not met standard', () => {
      const i = input();
      i.results.standards.S40.result = 'not_met';
      expect(deriveAccreditation(i, TODAY).reason).toBe('Failed: standard S40 GP Connect was assessed as Not met on 2026-01-10.');
    });
    it('wins over lapsed, missing and conditional, naming the first finding and counting the rest', () => {
      const i = input();
      i.results.capabilities[1].result = 'failed';
      i.results.standards.S25 = { result: 'not_met', dueOn: null, ...dates };
      i.results.standards.S24 = { result: 'work_off_plan', dueOn: YESTERDAY, ...dates };
      i.results.epics.E1.expiresOn = YESTERDAY;
      delete i.results.epics.E5;
      const out = deriveAccreditation(i, TODAY);
      expect(out.status).toBe('failed');
      expect(out.reason).toBe('Failed: capability C1 Appointments Management was assessed as Failed on 2026-01-10 (and 1 more).');
      expect(out.details).toEqual([
        'Failed: capability C1 Appointments Management was assessed as Failed on 2026-01-10',
        'Failed: standard S25 Clinical Safety was assessed as Not met on 2026-01-10',
        'Lapsed: the assessment of MUST epic E1 Book (C1) expired on 2026-11-22',
        'Lapsed: the work-off plan for standard S24 Business Continuity was due on 2026-11-22 and is overdue',
        'Missing: MUST epic E5 Issue (C2) has no result',
      ]);
    });
  });

  describe('lapsed', () => {
    it('a result that expired yesterday', () => {
      const i = input();
      i.results.capabilities[2].expiresOn = YESTERDAY;
      expect(deriveAccreditation(i, TODAY)).toMatchObject({
        status: 'lapsed',
        reason: 'Lapsed: the assessment of capability C2 Prescribing expired on 2026-11-22.',
      });
    });
    it('a result that expires today is still valid', () => {
      const i = input();
      i.results.capabilities[2].expiresOn = TODAY;
      expect(deriveAccreditation(i, TODAY).status).toBe('accredited');
    });
    it('an expired epic or standard result', () => {
      const a = input();
      a.results.epics.E1.expiresOn = YESTERDAY;
      expect(deriveAccreditation(a, TODAY).reason).toBe('Lapsed: the assessment of MUST epic E1 Book (C1) expired on 2026-11-22.');
      const b = input();
      b.results.standards.S24.expiresOn = YESTERDAY;
      expect(deriveAccreditation(b, TODAY).status).toBe('lapsed');
    });
    it('a work-off plan due yesterday is overdue', () => {
      const i = input();
      i.results.standards.S40 = { result: 'work_off_plan', dueOn: YESTERDAY, ...dates };
      expect(deriveAccreditation(i, TODAY)).toMatchObject({
        status: 'lapsed',
        reason: 'Lapsed: the work-off plan for standard S40 GP Connect was due on 2026-11-22 and is overdue.',
      });
    });
    it('names the earliest lapse first and wins over missing results and open plans', () => {
      const i = input();
      i.results.capabilities[1].expiresOn = '2026-10-01';
      i.results.standards.S24 = { result: 'work_off_plan', dueOn: '2026-09-01', ...dates };
      i.results.standards.S25 = { result: 'work_off_plan', dueOn: '2027-01-01', ...dates };
      delete i.results.epics.E5;
      expect(deriveAccreditation(i, TODAY).reason).toBe(
        'Lapsed: the work-off plan for standard S24 Business Continuity was due on 2026-09-01 and is overdue (and 1 more).',
      );
    });
  });

  describe('conditional', () => {
    it('an open work-off plan due today is not yet overdue', () => {
      const i = input();
      i.results.standards.S40 = { result: 'work_off_plan', dueOn: TODAY, ...dates };
      expect(deriveAccreditation(i, TODAY)).toMatchObject({
        status: 'conditional',
        reason: 'Conditional: standard S40 GP Connect has a work-off plan due on 2026-11-23.',
      });
    });
    it('names the earliest due plan', () => {
      const i = input();
      i.results.standards.S40 = { result: 'work_off_plan', dueOn: '2027-03-01', ...dates };
      i.results.standards.S24 = { result: 'work_off_plan', dueOn: '2027-02-01', ...dates };
      expect(deriveAccreditation(i, TODAY).reason).toBe('Conditional: standard S24 Business Continuity has a work-off plan due on 2027-02-01 (and 1 more).');
    });
  });

  it('a work-off plan without a due date (the database forbids it) counts as due today', () => {
    const i = input();
    i.results.standards.S40 = { result: 'work_off_plan', dueOn: null, ...dates };
    expect(deriveAccreditation(i, TODAY).status).toBe('conditional');
  });

  it('keeps the listing order between findings on the same date', () => {
    const i = input();
    i.results.standards.S40 = { result: 'work_off_plan', dueOn: '2027-01-01', ...dates };
    i.results.standards.S24 = { result: 'work_off_plan', dueOn: '2027-01-01', ...dates };
    i.results.standards.S25 = { result: 'work_off_plan', dueOn: '2026-12-01', ...dates };
    expect(deriveAccreditation(i, TODAY).details).toEqual([
      'Open: standard S25 Clinical Safety has a work-off plan due on 2026-12-01',
      'Open: standard S24 Business Continuity has a work-off plan due on 2027-01-01',
      'Open: standard S40 GP Connect has a work-off plan due on 2027-01-01',
    ]);
  });

  describe('not yet assessed', () => {
    it('no claimed capabilities', () => {
      const i = input();
      i.capabilities = [];
      expect(deriveAccreditation(i, TODAY)).toEqual({ status: null, reason: 'Not yet assessed: the solution claims no capabilities.', details: [] });
    });
    it('a missing capability result', () => {
      const i = input();
      delete i.results.capabilities[1];
      expect(deriveAccreditation(i, TODAY)).toMatchObject({ status: null, reason: 'Not yet assessed: capability C1 Appointments Management has no result.' });
    });
    it('a missing MUST epic result', () => {
      const i = input();
      delete i.results.epics.E2;
      expect(deriveAccreditation(i, TODAY).reason).toBe('Not yet assessed: MUST epic E2 Cancel (C1) has no result.');
    });
    it('a missing required standard result wins over an open work-off plan', () => {
      const i = input();
      delete i.results.standards.S40;
      i.results.standards.S24 = { result: 'work_off_plan', dueOn: '2027-01-01', ...dates };
      expect(deriveAccreditation(i, TODAY)).toMatchObject({ status: null, reason: 'Not yet assessed: standard S40 GP Connect has no result.' });
    });
    it('nothing recorded at all', () => {
      const i = input();
      i.results = { capabilities: {}, epics: {}, standards: {} };
      expect(deriveAccreditation(i, TODAY)).toMatchObject({
        status: null,
        reason: expect.stringMatching(/^Not yet assessed: capability C1 .* \(and 7 more\)\.$/),
      });
    });
  });

  it('an epic shared by two claimed capabilities is judged once', () => {
    const i = input();
    i.capabilities[1].epics.push({ id: 'E1', name: 'Book', compliancy: 'MUST', isActive: true });
    i.results.epics.E1.result = 'failed';
    const out = deriveAccreditation(i, TODAY);
    expect(out.details.filter((d) => d.includes('E1'))).toHaveLength(1);
  });
});
