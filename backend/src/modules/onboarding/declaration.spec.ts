import { autoMark, definitionProblems, incompleteSections, resultOf, sectionErrors, sectionOf } from './declaration';
import { DEMO_DECLARATION as D } from './demo-onboarding.seed';

const good = {
  dsptStatus: 'Standards met',
  dsptOrganisationCode: '8JX12',
  cyberEssentialsPlus: { certified: true, certificateNumber: 'CEP-1', expiresOn: '2027-06-30' },
  dcb0129Compliant: 'yes',
  clinicalSafetyOfficer: { name: 'Dr Ana Silva', professionalRegistration: 'GMC 7012345' },
  dataHosting: 'UK only',
  accessibilityStatementUrl: 'https://example.com/accessibility',
  insurance: { employersLiabilityPence: 500_000_000, publicLiabilityPence: 500_000_000, professionalIndemnityPence: 100_000_000 },
};

describe('declarations as data', () => {
  it('the demo declaration is a valid definition', () => {
    expect(definitionProblems(D)).toEqual([]);
  });

  it('names definition problems as fields', () => {
    const broken = { ...D, form: { sections: [{ ...D.form.sections[0], questions: [{ id: 'nope', label: '', marking: { kind: 'maybe' } }] }] } } as never;
    const fields = definitionProblems(broken).map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(['declaration.form.sections[0].questions[0].id', 'declaration.form.sections[0].questions[0].label', 'declaration.form.sections[0].questions[0].marking', 'declaration.form.sections']));
  });

  it('refuses malformed definitions with field errors, never a crash', () => {
    const schema = { type: 'object', properties: { a: { type: 'string' } } };
    for (const form of [{ sections: ['x', null] }, { sections: [{ id: 1, title: 2, questions: 'no' }] }, { sections: [{ id: 'a', title: 'A', questions: [null, { id: 'toString', label: 'x', marking: {} }] }] }, {}]) {
      expect(definitionProblems({ schema, form } as never).length).toBeGreaterThan(0);
    }
    expect(definitionProblems({ schema: { type: 'object', properties: [] }, form: { sections: [] } } as never).map((e) => e.field)).toEqual(['declaration.schema']);
    expect(definitionProblems({ schema: { type: 'object', properties: { a: { type: 'nope' } } }, form: { sections: [] } } as never).map((e) => e.field)).toEqual(['declaration.schema']);
  });

  it('validates one section with field errors by question id', () => {
    const security = sectionOf(D, 'information-security')!;
    expect(sectionErrors(D, security, { dsptStatus: 'Standards met', dsptOrganisationCode: '8JX12', cyberEssentialsPlus: { certified: true } })).toEqual([]);
    const errors = sectionErrors(D, security, { dsptStatus: 'Maybe', dsptOrganisationCode: 'x', cyberEssentialsPlus: {}, dataHosting: 'UK only' });
    expect(errors).toEqual(
      expect.arrayContaining([
        { field: 'dsptStatus', message: 'Choose one of the options for “Data Security and Protection Toolkit status”' },
        { field: 'dsptOrganisationCode', message: 'Enter your DSPT organisation code, like 8JX12' },
        { field: 'cyberEssentialsPlus.certified', message: '“Cyber Essentials Plus certification”: enter certified' },
        { field: 'dataHosting', message: 'dataHosting is not a recognised field' },
      ]),
    );
    expect(sectionErrors(D, sectionOf(D, 'insurance')!, {}).map((e) => e.field)).toEqual(['insurance']);
  });

  it('knows which sections are incomplete', () => {
    expect(incompleteSections(D, good, D.form.sections.map((s) => s.id))).toEqual([]);
    expect(incompleteSections(D, good, ['insurance']).map((s) => s.section)).toEqual(['information-security', 'clinical-safety', 'hosting-and-accessibility']);
  });

  it('marks pass-fail answers automatically and leaves discretionary ones pending', () => {
    const marks = autoMark(D, good, new Date('2027-03-01T00:00:00Z'));
    expect(marks.dsptStatus.outcome).toBe('pass');
    expect(marks.clinicalSafetyOfficer.outcome).toBe('pending');
    expect(marks.employees.outcome).toBe('info');
    expect(resultOf(D, marks).result).toBe('pending');
    for (const q of ['clinicalSafetyOfficer', 'accessibilityStatementUrl']) marks[q] = { ...marks[q], outcome: 'pass', markedBy: 'operator' };
    expect(resultOf(D, marks)).toEqual({ result: 'pass', reasons: [] });
  });

  it('an excluding fail fails the application with its reason; a non-excluding fail is a condition', () => {
    const answers = { ...good, dataHosting: 'UK and EEA', insurance: { ...good.insurance, professionalIndemnityPence: 50_000_000 } };
    const marks = autoMark(D, answers, new Date());
    expect(marks.dataHosting).toMatchObject({ outcome: 'fail', reason: 'Patient data must be hosted in the UK', excludes: true });
    expect(marks.insurance).toMatchObject({ outcome: 'fail', excludes: false });
    for (const q of ['clinicalSafetyOfficer', 'accessibilityStatementUrl']) marks[q] = { ...marks[q], outcome: 'pass' };
    const r = resultOf(D, marks);
    expect(r.result).toBe('fail');
    expect(r.reasons[0]).toBe('Where is patient data hosted?: Patient data must be hosted in the UK');
    expect(r.reasons[1]).toMatch(/^Condition: Insurance cover: Cover is below/);
    marks.dataHosting = { ...marks.dataHosting, outcome: 'pass' };
    expect(resultOf(D, marks).result).toBe('pass');
  });
});
