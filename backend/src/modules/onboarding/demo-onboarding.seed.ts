import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';
import type { Declaration } from './declaration';
import { statusOn, todayInLondon } from './lifecycle';

const POUND = 100; // pence

/** A realistic primary-care declaration: security, clinical safety, hosting and accessibility, insurance. */
export const DEMO_DECLARATION: Declaration = {
  schema: {
    $schema: 'https://json-schema.org/draft/2020-12/schema',
    type: 'object',
    properties: {
      dsptStatus: { type: 'string', enum: ['Standards exceeded', 'Standards met', 'Approaching standards', 'Standards not met', 'Not yet published'] },
      dsptOrganisationCode: { type: 'string', pattern: '^[A-Z0-9]{3,10}$', 'x-error-message': 'Enter your DSPT organisation code, like 8JX12' },
      cyberEssentialsPlus: {
        type: 'object',
        properties: { certified: { type: 'boolean' }, certificateNumber: { type: 'string', maxLength: 100 }, expiresOn: { type: 'string', format: 'date' } },
        required: ['certified'],
        additionalProperties: false,
      },
      dcb0129Compliant: { type: 'string', enum: ['yes', 'no'] },
      clinicalSafetyOfficer: {
        type: 'object',
        properties: { name: { type: 'string', minLength: 1, maxLength: 200 }, professionalRegistration: { type: 'string', minLength: 1, maxLength: 100 } },
        required: ['name', 'professionalRegistration'],
        additionalProperties: false,
      },
      dataHosting: { type: 'string', enum: ['UK only', 'UK and EEA', 'Outside the UK and EEA'] },
      accessibilityStatementUrl: { type: 'string', format: 'uri', maxLength: 500, 'x-error-message': 'Enter the address of your accessibility statement, like https://example.com/accessibility' },
      insurance: {
        type: 'object',
        properties: {
          // Stored in pence (money is never a float); the portal asks for and shows pounds.
          employersLiabilityPence: { type: 'integer', minimum: 0, title: 'Employer’s liability cover (£)', 'x-unit': 'pence' },
          publicLiabilityPence: { type: 'integer', minimum: 0, title: 'Public liability cover (£)', 'x-unit': 'pence' },
          professionalIndemnityPence: { type: 'integer', minimum: 0, title: 'Professional indemnity cover (£)', 'x-unit': 'pence' },
        },
        required: ['employersLiabilityPence', 'publicLiabilityPence', 'professionalIndemnityPence'],
        additionalProperties: false,
      },
      employees: { type: 'integer', minimum: 1, maximum: 1000000 },
    },
    required: ['dsptStatus', 'dsptOrganisationCode', 'cyberEssentialsPlus', 'dcb0129Compliant', 'clinicalSafetyOfficer', 'dataHosting', 'accessibilityStatementUrl', 'insurance'],
  },
  form: {
    sections: [
      {
        id: 'information-security',
        title: 'Information security',
        questions: [
          { id: 'dsptStatus', label: 'Data Security and Protection Toolkit status', hint: 'Your latest published DSPT assessment', marking: { kind: 'pass-fail', passWhen: { in: ['Standards exceeded', 'Standards met'] }, failReason: 'Suppliers must meet the DSPT standards' } },
          { id: 'dsptOrganisationCode', label: 'DSPT organisation code', marking: { kind: 'info' } },
          { id: 'cyberEssentialsPlus', label: 'Cyber Essentials Plus certification', hint: 'A current certificate for the organisation providing the service', marking: { kind: 'pass-fail', passWhen: { path: 'certified', equals: true }, failReason: 'A current Cyber Essentials Plus certificate is required' } },
        ],
      },
      {
        id: 'clinical-safety',
        title: 'Clinical safety',
        questions: [
          { id: 'dcb0129Compliant', label: 'Do you comply with DCB0129 (clinical risk management in the manufacture of health IT)?', marking: { kind: 'pass-fail', passWhen: { equals: 'yes' }, failReason: 'DCB0129 compliance is required' } },
          { id: 'clinicalSafetyOfficer', label: 'Your clinical safety officer', hint: 'A registered clinician, named under DCB0129', marking: { kind: 'discretionary' } },
        ],
      },
      {
        id: 'hosting-and-accessibility',
        title: 'Hosting and accessibility',
        questions: [
          { id: 'dataHosting', label: 'Where is patient data hosted?', marking: { kind: 'pass-fail', passWhen: { in: ['UK only'] }, failReason: 'Patient data must be hosted in the UK' } },
          { id: 'accessibilityStatementUrl', label: 'Accessibility statement', hint: 'Public sector websites and apps must publish one (WCAG 2.2 AA)', marking: { kind: 'discretionary' } },
        ],
      },
      {
        id: 'insurance',
        title: 'Insurance',
        description: 'Levels of cover',
        questions: [
          {
            id: 'insurance',
            label: 'Insurance cover',
            hint: 'Employer’s liability £5m, public liability £5m and professional indemnity £1m at least',
            marking: {
              kind: 'pass-fail',
              passWhen: { all: [{ path: 'employersLiabilityPence', minimum: 5_000_000 * POUND }, { path: 'publicLiabilityPence', minimum: 5_000_000 * POUND }, { path: 'professionalIndemnityPence', minimum: 1_000_000 * POUND }] },
              failReason: 'Cover is below the minimum levels: arrange the minimum cover before any call-off contract starts',
              // Cover can be arranged before contracts start: a fail is a condition, not an exclusion.
              excludes: false,
            },
          },
          { id: 'employees', label: 'Number of employees', marking: { kind: 'info' } },
        ],
      },
    ],
  },
};

export const DEMO_AGREEMENT = `GP IT MARKETPLACE PRIMARY CARE FRAMEWORK AGREEMENT 2027

1. Parties. This agreement is between the GP IT Marketplace assurance team (the Authority) and the supplier named in the signature block (the Supplier).
2. Term. The framework runs from its live date until its expiry date. Call-off contracts made under it may run for up to the framework's maximum term.
3. Call-off. Buyers may award call-off contracts for the Supplier's solutions listed and accredited on the framework, on the framework's call-off terms.
4. Assurance. The Supplier keeps its declaration true, tells the Authority within 10 working days of any change, and maintains DSPT standards, Cyber Essentials Plus, DCB0129 compliance and the insurance declared.
5. Data. Patient data is hosted and processed in the UK under UK GDPR and the Data Protection Act 2018.
6. Termination. The Authority may suspend or remove the Supplier from the framework for a material breach. Existing call-off contracts continue.
`;

export const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

export const DEMO_ROUND_ID = 'PCF2027';

/** Fixed-offset dates around `today` so the demo round is open whenever the portal starts. */
function addDays(day: string, days: number): string {
  const d = new Date(`${day}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/**
 * Suppliers already listed on an imported framework are on it (the migration did the same for the
 * listings that existed then). Runs at every start-up; re-runnable.
 */
export async function backfillSupplierFrameworks(db: DataSource) {
  await db.query(`
      INSERT INTO supplier_frameworks (supplier_id, framework_id, via)
      SELECT DISTINCT i.supplier_id, f.id, 'existing'
        FROM listing_versions v JOIN catalogue_items i ON i.id = v.item_id
        CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(v.content->'frameworkIds', '[]'::jsonb)) AS fw(id)
        JOIN frameworks f ON f.id = fw.id AND f.source = 'reference'
      ON CONFLICT DO NOTHING`);
}

/** A demo round (PCF2027) currently open for applications. Re-runnable: created once, never moved back. */
export async function seedDemoOnboarding(db: DataSource, log: (m: string) => void = () => {}) {
  await db.transaction(async (m) => {
    const today = todayInLondon();
    const dates = { interestFrom: addDays(today, -30), opensOn: addDays(today, -7), closesOn: addDays(today, 28), resultsOn: addDays(today, 42), liveOn: addDays(today, 56), expiresOn: addDays(today, 56 + 4 * 365) };
    const [created] = await m.query(
      `INSERT INTO frameworks (id, name, short_name, owner, funding_types, status, maximum_term_months, source, description,
         interest_from, opens_on, closes_on, results_on, live_on, expires_on, declaration, agreement_text, agreement_sha256, status_changed_at)
       VALUES ($1, 'Primary Care Digital Services Framework 2027', 'Primary Care 2027', 'GP IT Marketplace', ARRAY['GPIT funding','Local funding'], $2, 36, 'operator',
         'Clinical and business systems for general practice: appointments, online consultation, communications and records.',
         $3, $4, $5, $6, $7, $8, $9, $10, $11, now())
       ON CONFLICT (id) DO NOTHING RETURNING id`,
      [DEMO_ROUND_ID, statusOn(dates, today), dates.interestFrom, dates.opensOn, dates.closesOn, dates.resultsOn, dates.liveOn, dates.expiresOn, JSON.stringify(DEMO_DECLARATION), DEMO_AGREEMENT, sha256(DEMO_AGREEMENT)],
    );
    if (created) {
      // View Record - Citizen, Patient Information Maintenance - GP, Online Consultation.
      await m.query(`INSERT INTO framework_capabilities (framework_id, capability_id) SELECT $1, id FROM capabilities WHERE id = ANY($2) ON CONFLICT DO NOTHING`, [DEMO_ROUND_ID, [4, 13, 43]]);
      log(`Demo framework round ${DEMO_ROUND_ID} created (open for applications)`);
    }
  });
}
