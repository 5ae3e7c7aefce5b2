import { DataSource } from 'typeorm';
import type { ListingContent } from '../catalogue/listing';

/**
 * A small, fixed catalogue for the search tests, inserted directly (independent of the demo
 * catalogue import). Ids use sequence numbers 8NN, which the demo import does not use.
 *
 *   10000-801  Appointments Plus          published       C1 C5  PublicCloud  browser   accredited
 *   10000-802  Clinic Scheduler           published       C5     OnPremise    desktop   conditional
 *   10001-801  Repeat Prescriptions Online published      C14    PublicCloud  mobile    accredited
 *   10001-802  Appointment Reminders SMS  in remediation  C1     PublicCloud+Hybrid     lapsed
 *   10000-803  Appointments Draft Secret  draft (no live version)
 *   10000-804  Appointments Retired       unpublished (has an approved version)
 *   10000-801A001 Appointments Plus Text Messages  additional service of 10000-801, published
 */
export const FIXTURE = {
  plus: '10000-801',
  scheduler: '10000-802',
  prescriptions: '10001-801',
  reminders: '10001-802',
  draft: '10000-803',
  retired: '10000-804',
  addOn: '10000-801A001',
} as const;

const base = (over: Partial<ListingContent>): ListingContent => ({
  name: '',
  summary: '',
  description: '',
  features: [],
  capabilityIds: [],
  epicIds: [],
  frameworkIds: ['TIF001'],
  integrations: [],
  applicationTypes: [],
  hostingTypes: [],
  implementation: 'A project manager works with the practice through set-up, training and go-live.',
  roadmap: 'Video consultations next year.',
  serviceLevels: { availability: '99.9% monthly', supportHours: '08:00 to 18:30 on working days', responseTimes: 'P1 within 1 hour' },
  dataProcessing: { dataLocation: 'UK only', processingSummary: 'Patient demographics and appointment details, to provide the service.', subProcessors: [] },
  prices: [],
  ...over,
});

const perPatient = (id: string, price: number) => ({
  id,
  provisioningType: 'per_patient' as const,
  priceType: 'flat' as const,
  calculationType: 'single_fixed' as const,
  quantityBasis: 'per_service_recipient' as const,
  billingPeriod: 'year' as const,
  unit: 'per patient',
  tiers: [{ from: 1, to: null, priceHundredthsOfPenny: price }],
});

export const FIXTURE_CONTENT: Record<string, ListingContent> = {
  [FIXTURE.plus]: base({
    name: 'Appointments Plus',
    summary: 'Online appointments booking for GP practices, with waiting lists.',
    description: 'Patients book, change and cancel appointments online; staff manage sessions and rotas.',
    features: ['Book appointments online', 'Waiting list management'],
    capabilityIds: [1, 5],
    epicIds: ['E00109', 'E00184', 'E00229'],
    frameworkIds: ['TIF001'],
    integrations: [
      { integration: 'IM1', type: 'Bulk', role: 'consumer' },
      { integration: 'GP Connect', type: 'Appointment Management', role: 'consumer' },
    ],
    applicationTypes: [{ key: 'browser-based', details: { 'supported browsers (+minimum version)': 'Edge 120, Chrome 120' } }],
    hostingTypes: [{ key: 'PublicCloud', summary: 'Hosted in AWS London', requiresHscn: false }],
    prices: [perPatient('p1', 12600)],
  }),
  [FIXTURE.scheduler]: base({
    name: 'Clinic Scheduler',
    summary: 'Schedules clinics and sends appointment reminders.',
    description: 'Clinic templates, rotas and room booking.',
    features: ['Clinic templates'],
    capabilityIds: [5],
    epicIds: ['E00109'],
    frameworkIds: ['TIF001', 'DFOCVC001'],
    integrations: [{ integration: 'IM1', type: 'Transactional', role: 'consumer' }],
    applicationTypes: [{ key: 'native-desktop', details: {} }],
    hostingTypes: [{ key: 'OnPremise', summary: 'Installed on the practice server', hostingModel: 'Practice server', requiresHscn: true }],
    serviceLevels: { availability: '99.5% monthly', supportHours: '08:00 to 18:30 on working days', responseTimes: 'P1 within 4 hours' },
    prices: [perPatient('p1', 9000)],
  }),
  [FIXTURE.prescriptions]: base({
    name: 'Repeat Prescriptions Online',
    summary: 'Patients order repeat prescriptions from their phone.',
    description: 'Also shows upcoming appointments booked elsewhere.',
    features: ['Medication reminders'],
    capabilityIds: [14],
    epicIds: [],
    integrations: [{ integration: 'IM1', type: 'Patient Facing', role: 'consumer' }],
    applicationTypes: [{ key: 'native-mobile', details: {} }],
    hostingTypes: [{ key: 'PublicCloud', summary: 'Azure UK South', requiresHscn: false }],
    prices: [perPatient('p1', 5000)],
  }),
  [FIXTURE.reminders]: base({
    name: 'Appointment Reminders SMS',
    summary: 'Text message reminders so fewer patients miss appointments.',
    description: 'Two-way SMS.',
    features: ['=HYPERLINK("http://attacker.example","Click")'],
    capabilityIds: [1],
    epicIds: [],
    integrations: [{ integration: 'GP Connect', type: 'Appointment Management', role: 'consumer' }],
    applicationTypes: [{ key: 'browser-based', details: {} }],
    hostingTypes: [
      { key: 'PublicCloud', summary: 'AWS', requiresHscn: false },
      { key: 'Hybrid', summary: 'Gateway on site', requiresHscn: true },
    ],
    serviceLevels: { availability: '=1+1', supportHours: '24/7', responseTimes: '-P1 within 1 hour' },
    prices: [
      {
        id: 'sms',
        provisioningType: 'on_demand',
        priceType: 'flat',
        calculationType: 'single_fixed',
        quantityBasis: 'per_solution',
        billingPeriod: 'month',
        unit: 'per SMS fragment',
        tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 170 }],
      },
    ],
  }),
  [FIXTURE.draft]: base({ name: 'Appointments Draft Secret', summary: 'Not yet published appointments tool.', capabilityIds: [5], hostingTypes: [{ key: 'PublicCloud', summary: 'x', requiresHscn: false }] }),
  [FIXTURE.retired]: base({ name: 'Appointments Retired', summary: 'An unpublished appointments tool.', capabilityIds: [5], hostingTypes: [{ key: 'PublicCloud', summary: 'x', requiresHscn: false }] }),
  [FIXTURE.addOn]: base({ name: 'Appointments Plus Text Messages', summary: 'Adds SMS confirmations to Appointments Plus.', capabilityIds: [1] }),
};

const ITEMS: { id: string; supplier: string; type: string; parent?: string; status: string; accreditation: string | null; publishedAt: string | null; live: boolean }[] = [
  { id: FIXTURE.plus, supplier: '10000', type: 'solution', status: 'published', accreditation: 'accredited', publishedAt: '2026-01-10T09:00:00Z', live: true },
  { id: FIXTURE.scheduler, supplier: '10000', type: 'solution', status: 'published', accreditation: 'conditional', publishedAt: '2026-03-01T09:00:00Z', live: true },
  { id: FIXTURE.prescriptions, supplier: '10001', type: 'solution', status: 'published', accreditation: 'accredited', publishedAt: '2026-02-01T09:00:00Z', live: true },
  { id: FIXTURE.reminders, supplier: '10001', type: 'solution', status: 'in_remediation', accreditation: 'lapsed', publishedAt: '2025-12-01T09:00:00Z', live: true },
  { id: FIXTURE.draft, supplier: '10000', type: 'solution', status: 'draft', accreditation: null, publishedAt: null, live: false },
  { id: FIXTURE.retired, supplier: '10000', type: 'solution', status: 'unpublished', accreditation: 'accredited', publishedAt: '2025-06-01T09:00:00Z', live: true },
  { id: FIXTURE.addOn, supplier: '10000', type: 'additional_service', parent: FIXTURE.plus, status: 'published', accreditation: null, publishedAt: '2026-01-10T09:00:00Z', live: true },
];

/** Inserts the fixture catalogue (with conformance results) and refreshes the search index for it. */
export async function insertSearchFixture(db: DataSource): Promise<void> {
  await db.transaction(async (m) => {
    for (const it of ITEMS) {
      const [org] = await m.query(`SELECT id FROM organisations WHERE code = $1`, [it.supplier]);
      await m.query(
        `INSERT INTO catalogue_items (id, supplier_id, type, parent_item_id, publication_status, accreditation_status, accreditation_reason,
                                      accreditation_derived_at, first_published_at, last_published_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9)`,
        [it.id, org.id, it.type, it.parent ?? null, it.status, it.accreditation, it.accreditation === 'lapsed' ? 'A work-off plan is overdue' : null, it.accreditation ? new Date() : null, it.publishedAt],
      );
      const [v] = await m.query(
        `INSERT INTO listing_versions (item_id, version, status, content) VALUES ($1, 1, $2, $3) RETURNING id`,
        [it.id, it.live ? 'approved' : 'draft', JSON.stringify(FIXTURE_CONTENT[it.id])],
      );
      if (it.live) await m.query(`UPDATE catalogue_items SET live_version_id = $2 WHERE id = $1`, [it.id, v.id]);
    }
    const assess = `'Assurance team', `;
    await m.query(`INSERT INTO capability_assessments (item_id, capability_id, result, assessor, assessed_on, expires_on) VALUES
      ('${FIXTURE.plus}', 5, 'passed_full', ${assess}'2026-01-05', '2027-01-05'),
      ('${FIXTURE.scheduler}', 5, 'passed_partial', ${assess}'2026-02-20', '2027-02-20')`);
    await m.query(`INSERT INTO epic_assessments (item_id, epic_id, result, assessor, assessed_on, expires_on) VALUES
      ('${FIXTURE.plus}', 'E00109', 'passed', ${assess}'2026-01-05', '2027-01-05'),
      ('${FIXTURE.plus}', 'E00184', 'passed', ${assess}'2026-01-05', '2027-01-05'),
      ('${FIXTURE.plus}', 'E00229', 'passed', ${assess}'2026-01-05', '2027-01-05'),
      ('${FIXTURE.scheduler}', 'E00109', 'passed', ${assess}'2026-02-20', '2027-02-20'),
      ('${FIXTURE.scheduler}', 'E00184', 'failed', ${assess}'2026-02-20', NULL)`);
    await m.query(`INSERT INTO standard_assessments (item_id, standard_id, result, due_on, assessor, assessed_on, expires_on) VALUES
      ('${FIXTURE.plus}', 'S24', 'met', NULL, ${assess}'2026-01-06', '2026-12-31'),
      ('${FIXTURE.plus}', 'S25', 'work_off_plan', '2027-01-31', ${assess}'2026-01-06', NULL),
      ('${FIXTURE.scheduler}', 'S24', 'not_met', NULL, ${assess}'2026-02-21', NULL)`);
    for (const it of ITEMS) await m.query(`SELECT refresh_catalogue_search($1)`, [it.id]);
  });
}

/** Publishes a new approved version of an item (the old one superseded) and refreshes the index. */
export async function publishNewVersion(db: DataSource, itemId: string, change: Partial<ListingContent>): Promise<string> {
  return db.transaction(async (m) => {
    const [cur] = await m.query(
      `SELECT v.version, v.content FROM catalogue_items i JOIN listing_versions v ON v.id = i.live_version_id WHERE i.id = $1`,
      [itemId],
    );
    await m.query(`UPDATE listing_versions SET status = 'superseded' WHERE item_id = $1 AND status = 'approved'`, [itemId]);
    const [v] = await m.query(
      `INSERT INTO listing_versions (item_id, version, status, content) VALUES ($1, $2, 'approved', $3) RETURNING id`,
      [itemId, cur.version + 1, JSON.stringify({ ...cur.content, ...change })],
    );
    await m.query(`UPDATE catalogue_items SET live_version_id = $2, last_published_at = now() WHERE id = $1`, [itemId, v.id]);
    await m.query(`SELECT refresh_catalogue_search($1)`, [itemId]);
    return v.id as string;
  });
}
