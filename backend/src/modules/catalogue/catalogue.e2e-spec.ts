import { createTestApp, DEMO, TestApp } from '../../../test/test-app';
import { CatalogueService } from './catalogue.service';
import { seedDemoCatalogue } from './demo-catalogue.seed';

type Session = Awaited<ReturnType<TestApp['signIn']>>;

const OTHER_VENDOR = 'vendor@accurx.test';

describe('catalogue: supplier profiles, vendor listings and moderation', () => {
  let t: TestApp;
  let vendor: Session;
  let operator: Session;
  let other: Session;
  let completeSolution: Record<string, unknown>;

  const searchRow = async (id: string) => (await t.db.query(`SELECT * FROM catalogue_search WHERE item_id = $1`, [id]))[0];
  const itemRow = async (id: string) => (await t.db.query(`SELECT * FROM catalogue_items WHERE id = $1`, [id]))[0];
  const versions = async (id: string) => t.db.query(`SELECT version, status, content FROM listing_versions WHERE item_id = $1 ORDER BY version`, [id]);
  const put = (s: Session, url: string, body: unknown) => s.agent.put(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const post = (s: Session, url: string, body: unknown = {}) => s.agent.post(url).set('X-CSRF-Token', s.csrf).send(body as object);
  const liveOf = async (id: string) => (await vendor.agent.get(`/api/vendor/items/${id}`).expect(200)).body.liveContent;

  beforeAll(async () => {
    t = await createTestApp();
    // A vendor at another supplier (AccuRx, 10030), with the demo password.
    await t.db.query(
      `INSERT INTO users (email, name, password_hash, status) SELECT $1, 'Other Vendor', password_hash, 'active' FROM users WHERE email = $2`,
      [OTHER_VENDOR, DEMO.vendor],
    );
    await t.db.query(
      `INSERT INTO memberships (user_id, organisation_id, role, is_admin)
       SELECT u.id, o.id, 'vendor', true FROM users u, organisations o WHERE u.email = $1 AND o.code = '10030'`,
      [OTHER_VENDOR],
    );
    [vendor, operator, other] = await Promise.all([t.signIn(DEMO.vendor), t.signIn(DEMO.operator), t.signIn(OTHER_VENDOR)]);
    const [cap] = await t.db.query(
      `SELECT c.id, array_agg(e.id) AS epics FROM capabilities c JOIN capability_epics ce ON ce.capability_id = c.id JOIN epics e ON e.id = ce.epic_id
        WHERE ce.compliancy = 'MUST' AND e.is_active AND c.status = 'Effective' GROUP BY c.id ORDER BY c.id LIMIT 1`,
    );
    completeSolution = {
      name: 'Demo Booking',
      summary: 'Online booking for practices.',
      description: 'Lets patients book appointments online.',
      features: ['Book online'],
      capabilityIds: [cap.id],
      epicIds: cap.epics,
      frameworkIds: ['TIF001'],
      integrations: [{ integration: 'IM1', type: 'Transactional', role: 'consumer', integratesWith: 'EMIS Web GP' }],
      applicationTypes: [{ key: 'browser-based', details: { 'supported browsers (+minimum version)': 'Chrome 120' } }],
      hostingTypes: [{ key: 'PublicCloud', summary: 'Azure UK South', requiresHscn: false }],
      implementation: 'Two weeks.',
      roadmap: 'More soon.',
      serviceLevels: { availability: '99.9%', supportHours: '08:00-18:30', responseTimes: 'P1 1 hour' },
      dataProcessing: { dataLocation: 'UK only', processingSummary: 'Appointments data.', subProcessors: [] },
      prices: [
        {
          id: 'p1',
          provisioningType: 'per_patient',
          priceType: 'tiered',
          calculationType: 'volume',
          quantityBasis: 'per_service_recipient',
          billingPeriod: 'year',
          unit: 'per patient',
          tiers: [
            { from: 1, to: 999, priceHundredthsOfPenny: 5000 },
            { from: 1000, to: null, priceHundredthsOfPenny: 4000 },
          ],
        },
      ],
    };
  });
  afterAll(() => t.close());

  describe('demo catalogue', () => {
    it('imported 74 supplier profiles and 117 items, the published ones listed', async () => {
      const [{ suppliers }] = await t.db.query(`SELECT count(*)::int AS suppliers FROM suppliers`);
      const [{ items, published, solutions }] = await t.db.query(
        `SELECT count(*)::int AS items, count(*) FILTER (WHERE publication_status = 'published')::int AS published,
                count(*) FILTER (WHERE type = 'solution')::int AS solutions FROM catalogue_items`,
      );
      const [{ listed }] = await t.db.query(`SELECT count(*)::int AS listed FROM catalogue_search`);
      expect({ suppliers, items, published, solutions, listed }).toEqual({ suppliers: 74, items: 117, published: 108, solutions: 28, listed: 108 });
    });

    it('maps prices exactly and fills the listing sections', async () => {
      const emis = await t.app.get(CatalogueService).getListedItem('10000-001');
      expect(emis).toMatchObject({ type: 'solution', supplierCode: '10000', publicationStatus: 'published', version: 1 });
      expect(emis!.content.prices).toEqual([expect.objectContaining({ provisioningType: 'per_patient', billingPeriod: 'year', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }] })]);
      expect(emis!.content.frameworkIds).toEqual(['TIF001']);
      expect(emis!.content.integrations).toEqual(expect.arrayContaining([expect.objectContaining({ integration: 'GP Connect' })]));
      expect(emis!.content.dataProcessing?.dataLocation).toBe('UK only');
      const [sms] = await t.db.query(
        `SELECT v.content FROM listing_versions v WHERE v.content @> '{"prices":[{"unit":"per SMS fragment"}]}'`,
      );
      expect(sms.content.prices[0].tiers[0].priceHundredthsOfPenny).toBe(170);
      const [service] = await t.db.query(`SELECT v.content FROM catalogue_items i JOIN listing_versions v ON v.item_id = i.id WHERE i.id = '10030-001A001'`);
      expect(service.content.frameworkIds.length).toBeGreaterThan(0);
      expect(await t.app.get(CatalogueService).getListedItem('99999-001')).toBeNull();
    });
  });

  describe('supplier profiles', () => {
    it('shows an active supplier’s profile to anyone', async () => {
      const res = await t.http().get('/api/suppliers/10000').expect(200);
      expect(res.body).toMatchObject({ code: '10000', name: 'EMIS Health', legalName: 'EMIS Health', website: 'https://www.emishealth.com/' });
      await t.http().get('/api/suppliers/A81001').expect(404);
      await t.db.query(`UPDATE organisations SET status = 'inactive' WHERE code = '10001'`);
      await t.http().get('/api/suppliers/10001').expect(404);
      await t.http().get('/api/suppliers/nope').expect(404);
    });

    it('lets a vendor read and replace its own profile, audited', async () => {
      const mine = await vendor.agent.get('/api/vendor/supplier').expect(200);
      expect(mine.body.code).toBe('10000');
      const body = {
        legalName: 'EMIS Health Limited',
        companiesHouseNumber: '02117205',
        summary: 'Clinical software.',
        website: 'https://www.emishealth.com/',
        address: { line1: 'Rawdon House', line2: 'Green Lane', town: 'Leeds', county: 'West Yorkshire', postcode: 'LS19 7BY' },
        contacts: [{ name: 'Sales desk', role: 'Sales', email: 'sales@emis.test', phone: '0113 380 3000' }],
      };
      const res = await put(vendor, '/api/vendor/supplier', body).expect(200);
      expect(res.body).toMatchObject(body);
      const pub = await t.http().get('/api/suppliers/10000').expect(200);
      expect(pub.body.companiesHouseNumber).toBe('02117205');
      const [audit] = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'supplier.updated' ORDER BY id DESC LIMIT 1`);
      expect(audit.before.legalName).toBe('EMIS Health');
      expect(audit.after.legalName).toBe('EMIS Health Limited');
    });

    it('refuses invalid profile fields with field-level problems and saves nothing', async () => {
      const res = await put(vendor, '/api/vendor/supplier', {
        companiesHouseNumber: '12AB',
        website: 'http://insecure.test',
        address: { line1: 'x', town: 'Leeds', postcode: 'NOT A CODE' },
        contacts: Array.from({ length: 11 }, (_, i) => ({ name: `c${i}` })),
        colour: 'blue',
      }).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      const fields = res.body.errors.map((e: { field: string }) => e.field);
      expect(fields).toEqual(expect.arrayContaining(['companiesHouseNumber', 'website', 'address.postcode', 'contacts', 'colour']));
      const pub = await t.http().get('/api/suppliers/10000').expect(200);
      expect(pub.body.legalName).toBe('EMIS Health Limited');
    });
  });

  describe('access', () => {
    it('needs a signed-in vendor or operator', async () => {
      await t.http().get('/api/vendor/items').expect(401);
      await t.http().get('/api/vendor/supplier').expect(401);
      await t.http().get('/api/moderation/queue').expect(401);
      await t.http().put('/api/vendor/items/10000-001/draft').send({ name: 'x' }).expect((r) => expect([401, 403]).toContain(r.status));
      await vendor.agent.get('/api/moderation/queue').expect(403);
      await post(vendor, '/api/moderation/items/10000-001/publication', { status: 'suspended', reason: 'x' }).expect(403);
      await operator.agent.get('/api/vendor/items').expect(403);
      const practice = await t.signIn(DEMO.practiceManager);
      await practice.agent.get('/api/vendor/items').expect(403);
    });

    it('hides another supplier’s items and drafts (404)', async () => {
      const list = await other.agent.get('/api/vendor/items').query({ pageSize: 200 }).expect(200);
      expect(list.body.items.length).toBeGreaterThan(0);
      // the sample data gives AccuRx one associated service numbered under another supplier (10073-S-022)
      expect(list.body.items.map((i: { id: string }) => i.id).sort()).toEqual(['10030-001', '10030-001A001', '10030-S-001', '10073-S-022']);
      await other.agent.get('/api/vendor/items/10000-001').expect(404);
      await other.agent.get('/api/vendor/items/10000-001/completeness').expect(404);
      await put(other, '/api/vendor/items/10000-001/draft', { name: 'Hijack' }).expect(404);
      await post(other, '/api/vendor/items/10000-001/draft/submit').expect(404);
      await post(other, '/api/vendor/items/10000-001/draft/withdraw').expect(404);
      await vendor.agent.get('/api/vendor/items/not-an-id').expect(404);
      expect(await versions('10000-001')).toHaveLength(1);
    });
  });

  describe('editing a published listing', () => {
    let versionId: string;

    it('lists the vendor’s items', async () => {
      const res = await vendor.agent.get('/api/vendor/items').query({ type: 'solution' }).expect(200);
      expect(res.body.items[0]).toMatchObject({ id: '10000-001', name: 'Emis Web GP', type: 'solution', publicationStatus: 'published', liveVersion: 1, openVersion: null });
      await vendor.agent.get('/api/vendor/items').query({ sort: 'secret' }).expect(400);
    });

    it('a live listing is complete', async () => {
      const res = await vendor.agent.get('/api/vendor/items/10000-001/completeness').expect(200);
      expect(res.body.errors).toEqual([]);
      expect(res.body.ready).toBe(true);
    });

    it('saves an edit as a new draft version while the live one stays public', async () => {
      const live = await liveOf('10000-001');
      const res = await put(vendor, '/api/vendor/items/10000-001/draft', { ...live, summary: 'The new EMIS Web summary.' }).expect(200);
      expect(res.body).toMatchObject({ publicationStatus: 'published', liveVersion: 1, openVersion: 2, openVersionStatus: 'draft' });
      expect(res.body.draft.content.summary).toBe('The new EMIS Web summary.');
      expect(res.body.liveContent.summary).toBe(live.summary);
      // a second save updates the same draft
      await put(vendor, '/api/vendor/items/10000-001/draft', { ...live, summary: 'The new EMIS Web summary!' }).expect(200);
      expect((await versions('10000-001')).map((v: { status: string }) => v.status)).toEqual(['approved', 'draft']);
      expect((await searchRow('10000-001')).summary).toBe(live.summary);
      expect((await t.app.get(CatalogueService).getLiveContent('10000-001'))!.summary).toBe(live.summary);
    });

    it('submits the draft; it cannot be edited until withdrawn or decided', async () => {
      const res = await post(vendor, '/api/vendor/items/10000-001/draft/submit').expect(200);
      expect(res.body).toMatchObject({ publicationStatus: 'published', openVersionStatus: 'submitted' });
      const refused = await put(vendor, '/api/vendor/items/10000-001/draft', { name: 'x' }).expect(409);
      expect(refused.body.code).toBe('draft-submitted');
      await post(vendor, '/api/vendor/items/10000-001/draft/submit').expect(409);
    });

    it('shows the operator the queue and a diff against the live version', async () => {
      const queue = await operator.agent.get('/api/moderation/queue').expect(200);
      const entry = queue.body.items.find((e: { itemId: string }) => e.itemId === '10000-001');
      expect(entry).toMatchObject({ version: 2, supplierCode: '10000', supplierName: 'EMIS Health', isChange: true, submittedBy: DEMO.vendor, name: 'Emis Web GP' });
      versionId = entry.versionId;
      const v = await operator.agent.get(`/api/moderation/versions/${versionId}`).expect(200);
      expect(v.body.status).toBe('submitted');
      expect(v.body.changes).toEqual([{ path: 'summary', label: 'Summary', change: 'changed', before: v.body.liveContent.summary, after: 'The new EMIS Web summary!' }]);
      await operator.agent.get('/api/moderation/versions/00000000-0000-4000-8000-000000000000').expect(404);
      await operator.agent.get('/api/moderation/versions/abc').expect(404);
    });

    it('approving makes the change live and updates the public search row', async () => {
      const res = await post(operator, `/api/moderation/versions/${versionId}/approve`).expect(200);
      expect(res.body).toMatchObject({ status: 'approved', publicationStatus: 'published', itemId: '10000-001' });
      expect((await versions('10000-001')).map((v: { status: string }) => v.status)).toEqual(['superseded', 'approved']);
      const item = await itemRow('10000-001');
      const row = await searchRow('10000-001');
      expect(row.summary).toBe('The new EMIS Web summary!');
      expect(row.version_id).toBe(item.live_version_id);
      expect((await liveOf('10000-001')).summary).toBe('The new EMIS Web summary!');
      const [audit] = await t.db.query(`SELECT before, after FROM audit_events WHERE action = 'listing.approved' AND object_id = '10000-001'`);
      expect(audit).toMatchObject({ before: { status: 'published' }, after: { status: 'published', version: 2 } });
      await post(operator, `/api/moderation/versions/${versionId}/approve`).expect(409);
      const queue = await operator.agent.get('/api/moderation/queue').expect(200);
      expect(queue.body.items.find((e: { itemId: string }) => e.itemId === '10000-001')).toBeUndefined();
    });

    it('rejecting needs a reason, keeps the live listing, and the vendor sees the reason', async () => {
      const live = await liveOf('10000-001');
      await put(vendor, '/api/vendor/items/10000-001/draft', { ...live, roadmap: 'Everything, tomorrow.' }).expect(200);
      const sub = await post(vendor, '/api/vendor/items/10000-001/draft/submit').expect(200);
      const id = sub.body.draft.id;
      const diff = await operator.agent.get(`/api/moderation/versions/${id}`).expect(200);
      expect(diff.body.changes.map((c: { path: string }) => c.path)).toEqual(['roadmap']);
      const noReason = await post(operator, `/api/moderation/versions/${id}/reject`, { reason: '' }).expect(400);
      expect(noReason.body.errors[0].field).toBe('reason');
      await post(operator, `/api/moderation/versions/${id}/reject`, { reason: 'The roadmap must give dates.' }).expect(200);
      const item = await vendor.agent.get('/api/vendor/items/10000-001').expect(200);
      expect(item.body.publicationStatus).toBe('published');
      expect(item.body.draft).toBeNull();
      expect(item.body.versions[0]).toMatchObject({ version: 3, status: 'rejected', decisionReason: 'The roadmap must give dates.' });
      expect(item.body.decisions[0]).toMatchObject({ action: 'listing.rejected', reason: 'The roadmap must give dates.' });
      expect(item.body.liveContent.roadmap).toBe(live.roadmap);
      expect((await searchRow('10000-001')).version_id).toBe((await itemRow('10000-001')).live_version_id);
    });

    it('a vendor can withdraw a submitted version back to draft', async () => {
      const live = await liveOf('10000-001');
      await put(vendor, '/api/vendor/items/10000-001/draft', { ...live, roadmap: 'Dated roadmap.' }).expect(200);
      await post(vendor, '/api/vendor/items/10000-001/draft/submit').expect(200);
      const res = await post(vendor, '/api/vendor/items/10000-001/draft/withdraw').expect(200);
      expect(res.body).toMatchObject({ openVersion: 4, openVersionStatus: 'draft', publicationStatus: 'published' });
      await post(vendor, '/api/vendor/items/10000-001/draft/withdraw').expect(409);
      await put(vendor, '/api/vendor/items/10000-001/draft', { ...live, roadmap: 'Dated roadmap, v2.' }).expect(200);
    });
  });

  describe('invalid listing content', () => {
    const cases: [string, (c: Record<string, any>) => Record<string, unknown>, string][] = [
      ['an unknown capability', (c) => ({ ...c, capabilityIds: [9999] }), 'capabilityIds[0]'],
      ['an unknown epic', (c) => ({ ...c, epicIds: ['NOPE1'] }), 'epicIds[0]'],
      ['an unknown framework', (c) => ({ ...c, frameworkIds: ['XXX'] }), 'frameworkIds[0]'],
      ['an unknown hosting type', (c) => ({ ...c, hostingTypes: [{ key: 'Moon', summary: 'x', requiresHscn: false }] }), 'hostingTypes[0].key'],
      ['an unknown integration type', (c) => ({ ...c, integrations: [{ integration: 'IM1', type: 'Telepathy' }] }), 'integrations[0].type'],
      ['a negative price', (c) => ({ ...c, prices: [{ ...c.prices[0], tiers: [{ from: 1, to: null, priceHundredthsOfPenny: -5 }] }] }), 'prices[0].tiers[0].priceHundredthsOfPenny'],
      ['a fractional price', (c) => ({ ...c, prices: [{ ...c.prices[0], tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 1.5 }] }] }), 'prices[0].tiers[0].priceHundredthsOfPenny'],
      ['a gap between tiers', (c) => ({ ...c, prices: [{ ...c.prices[0], tiers: [{ from: 1, to: 9, priceHundredthsOfPenny: 1 }, { from: 11, to: null, priceHundredthsOfPenny: 1 }] }] }), 'prices[0].tiers[1].from'],
      ['an unknown field', (c) => ({ ...c, colour: 'blue' }), 'colour'],
      ['an unknown nested field', (c) => ({ ...c, serviceLevels: { ...c.serviceLevels, uptime: 'always' } }), 'serviceLevels.uptime'],
      ['a 10,000-character summary', (c) => ({ ...c, summary: 'x'.repeat(10000) }), 'summary'],
      ['a bad provisioning type', (c) => ({ ...c, prices: [{ ...c.prices[0], provisioningType: 'free' }] }), 'prices[0].provisioningType'],
      ['no name', (c) => ({ ...c, name: '' }), 'name'],
    ];

    it.each(cases)('refuses %s with a field-level problem and saves nothing', async (_what, mutate, field) => {
      const before = await versions('10000-001');
      const res = await put(vendor, '/api/vendor/items/10000-001/draft', mutate(completeSolution)).expect(400);
      expect(res.headers['content-type']).toMatch(/problem\+json/);
      expect(res.body.code).toBe('validation-error');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toContain(field);
      expect(await versions('10000-001')).toEqual(before);
    });

    it('refuses a body that is not an object', async () => {
      await put(vendor, '/api/vendor/items/10000-001/draft', [1, 2]).expect(400);
    });

    it('refuses a field named constructor with 400, not a TypeError (found by the hostile-input suite)', async () => {
      const res = await put(vendor, '/api/vendor/items/10000-001/draft', { ...completeSolution, capabilityIds: [{ constructor: { prototype: {} } }] }).expect(400);
      expect(res.body.detail).toBe('constructor is not a recognised field.');
    });
  });

  describe('a new item from draft to published', () => {
    let id: string;

    it('allocates ids per type', async () => {
      const created = await Promise.all([
        post(vendor, '/api/vendor/items', { type: 'solution', name: 'Demo Booking' }),
        post(vendor, '/api/vendor/items', { type: 'solution', name: 'Demo Two' }),
        post(vendor, '/api/vendor/items', { type: 'associated_service', name: 'Demo Training' }),
        post(vendor, '/api/vendor/items', { type: 'additional_service', name: 'Demo Add-on', parentSolutionId: '10000-001' }),
      ]);
      for (const r of created) expect(r.status).toBe(201);
      const ids = created.map((r) => r.body.id);
      expect(new Set(ids.slice(0, 2)).size).toBe(2);
      expect(ids[0]).toMatch(/^10000-\d{3}$/);
      expect(ids[2]).toMatch(/^10000-S-\d{3}$/);
      expect(ids[3]).toMatch(/^10000-001A\d{3}$/);
      expect(created[3].body.draft.content.frameworkIds).toEqual(['TIF001']);
      id = created.find((r) => r.body.draft.content.name === 'Demo Booking')!.body.id;
      expect(created[0].body).toMatchObject({ publicationStatus: 'draft', liveVersion: null, openVersion: 1, openVersionStatus: 'draft' });
      expect(await searchRow(id)).toBeUndefined();
      const bad = await post(vendor, '/api/vendor/items', { type: 'additional_service', name: 'x' }).expect(400);
      expect(bad.body.errors[0].field).toBe('parentSolutionId');
      await post(vendor, '/api/vendor/items', { type: 'additional_service', name: 'x', parentSolutionId: '10030-001' }).expect(400);
      await post(vendor, '/api/vendor/items', { type: 'gadget', name: 'x' }).expect(400);
    });

    it('says what is incomplete, and refuses to submit it with field errors', async () => {
      const c = await vendor.agent.get(`/api/vendor/items/${id}/completeness`).expect(200);
      expect(c.body.ready).toBe(false);
      expect(c.body.sections.find((s: { section: string }) => s.section === 'Service levels')).toMatchObject({ status: 'incomplete' });
      const res = await post(vendor, `/api/vendor/items/${id}/draft/submit`).expect(400);
      expect(res.body.code).toBe('listing-incomplete');
      expect(res.body.errors.map((e: { field: string }) => e.field)).toEqual(expect.arrayContaining(['summary', 'description', 'capabilityIds', 'prices', 'serviceLevels', 'dataProcessing']));
      expect((await itemRow(id)).publication_status).toBe('draft');
      expect((await versions(id))[0].status).toBe('draft');
      // drafts are the vendor's own until submitted
      const draftId = (await vendor.agent.get(`/api/vendor/items/${id}`).expect(200)).body.draft.id;
      await operator.agent.get(`/api/moderation/versions/${draftId}`).expect(404);
      await post(operator, `/api/moderation/versions/${draftId}/approve`).expect(409);
    });

    it('anonymous users never see drafts', async () => {
      expect(await t.app.get(CatalogueService).getListedItem(id)).toBeNull();
      await t.http().get(`/api/vendor/items/${id}`).expect(401);
    });

    it('submit, reject, resubmit and approve a first version', async () => {
      await put(vendor, `/api/vendor/items/${id}/draft`, completeSolution).expect(200);
      expect((await vendor.agent.get(`/api/vendor/items/${id}/completeness`).expect(200)).body).toMatchObject({ ready: true, errors: [] });
      await post(vendor, `/api/vendor/items/${id}/draft/submit`).expect(200);
      expect((await itemRow(id)).publication_status).toBe('submitted');
      const queue = await operator.agent.get('/api/moderation/queue').query({ q: 'Demo Booking' }).expect(200);
      expect(queue.body.items).toEqual([expect.objectContaining({ itemId: id, isChange: false, publicationStatus: 'submitted' })]);
      const v1 = queue.body.items[0].versionId;
      const diff = await operator.agent.get(`/api/moderation/versions/${v1}`).expect(200);
      expect(diff.body.liveContent).toBeNull();
      expect(diff.body.changes.every((c: { change: string }) => c.change === 'added')).toBe(true);
      await post(operator, `/api/moderation/versions/${v1}/reject`, { reason: 'Add a description of the booking rules.' }).expect(200);
      expect((await itemRow(id)).publication_status).toBe('rejected');

      const detail = await put(vendor, `/api/vendor/items/${id}/draft`, { ...completeSolution, description: 'Booking rules: …' }).expect(200);
      expect(detail.body).toMatchObject({ publicationStatus: 'rejected', openVersion: 2 });
      await post(vendor, `/api/vendor/items/${id}/draft/submit`).expect(200);
      expect((await itemRow(id)).publication_status).toBe('submitted');
      const v2 = (await vendor.agent.get(`/api/vendor/items/${id}`).expect(200)).body.draft.id;
      await post(operator, `/api/moderation/versions/${v2}/approve`).expect(200);
      const item = await itemRow(id);
      expect(item).toMatchObject({ publication_status: 'published', live_version_id: v2 });
      expect(item.first_published_at).not.toBeNull();
      expect(await searchRow(id)).toMatchObject({ name: 'Demo Booking', supplier_code: '10000', publication_status: 'published' });
      const listed = await t.app.get(CatalogueService).getListedItem(id);
      expect(listed!.content.prices[0].tiers[1].priceHundredthsOfPenny).toBe(4000);
    });
  });

  describe('demo catalogue re-import', () => {
    it('is idempotent and leaves vendors’ edits alone', async () => {
      const before = await t.db.query(`SELECT id, live_version_id, publication_status FROM catalogue_items ORDER BY id`);
      const [{ n: versionsBefore }] = await t.db.query(`SELECT count(*)::int AS n FROM listing_versions`);
      const logs: string[] = [];
      await seedDemoCatalogue(t.db, (m) => logs.push(m));
      expect(logs[0]).toContain('0 supplier profile(s) and 0 item(s) added');
      expect(await t.db.query(`SELECT id, live_version_id, publication_status FROM catalogue_items ORDER BY id`)).toEqual(before);
      expect((await t.db.query(`SELECT count(*)::int AS n FROM listing_versions`))[0].n).toBe(versionsBefore);
      expect((await t.http().get('/api/suppliers/10000').expect(200)).body.legalName).toBe('EMIS Health Limited');
    });
  });

  describe('publication transitions', () => {
    const change = (id: string, status: string, reason = 'Because.') => post(operator, `/api/moderation/items/${id}/publication`, { status, reason });

    it('suspends, reinstates, puts in remediation and unpublishes, each audited', async () => {
      const res = await change('10000-001', 'suspended').expect(200);
      expect(res.body).toEqual({ itemId: '10000-001', before: 'published', after: 'suspended' });
      expect(await searchRow('10000-001')).toBeUndefined();
      expect(await t.app.get(CatalogueService).getListedItem('10000-001')).toBeNull();
      expect((await change('10000-001', 'suspended').expect(409)).body.code).toBe('invalid-transition');
      await change('10000-001', 'unpublished').expect(409);
      await change('10000-001', 'published').expect(200);
      expect(await searchRow('10000-001')).toMatchObject({ publication_status: 'published' });
      await change('10000-001', 'in_remediation').expect(200);
      expect(await searchRow('10000-001')).toMatchObject({ publication_status: 'in_remediation' });
      await change('10000-001', 'published').expect(200);
      await change('10000-001', 'unpublished').expect(200);
      expect(await searchRow('10000-001')).toBeUndefined();
      await change('10000-001', 'published').expect(200);
      const events = await t.db.query(`SELECT action, before->>'status' AS f, after->>'status' AS t, after->>'reason' AS reason FROM audit_events WHERE object_id = '10000-001' AND action IN ('listing.suspended','listing.reinstated','listing.in-remediation','listing.unpublished') ORDER BY id`);
      expect(events.map((e: { action: string }) => e.action)).toEqual(['listing.suspended', 'listing.reinstated', 'listing.in-remediation', 'listing.reinstated', 'listing.unpublished', 'listing.reinstated']);
      expect(events[0]).toMatchObject({ f: 'published', t: 'suspended', reason: 'Because.' });
      const vendorView = await vendor.agent.get('/api/vendor/items/10000-001').expect(200);
      expect(vendorView.body.decisions.map((d: { action: string }) => d.action)).toContain('listing.suspended');
    });

    it('refuses transitions from unpublished states, unknown targets and missing reasons', async () => {
      const [draft] = await t.db.query(`SELECT id FROM catalogue_items WHERE publication_status = 'draft' LIMIT 1`);
      await change(draft.id, 'suspended').expect(409);
      await change(draft.id, 'published').expect(409);
      await change('10000-001', 'submitted').expect(400);
      await change('10000-001', 'suspended', '').expect(400);
      await change('99999-001', 'suspended').expect(404);
    });
  });
});
