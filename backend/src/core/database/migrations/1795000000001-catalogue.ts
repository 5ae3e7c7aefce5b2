import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Suppliers' profiles, catalogue items with versioned listings (moderated), conformance results,
 * accreditation, the public search index and buyers' shortlists.
 */
export class Catalogue1795000000001 implements MigrationInterface {
  name = 'Catalogue1795000000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE suppliers (
        organisation_id uuid PRIMARY KEY REFERENCES organisations(id),
        legal_name text CHECK (length(legal_name) <= 300),
        companies_house_number varchar(8) CHECK (companies_house_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6})$'),
        summary text CHECK (length(summary) <= 3000),
        website text CHECK (length(website) <= 500),
        address jsonb NOT NULL DEFAULT '{}'::jsonb,
        contacts jsonb NOT NULL DEFAULT '[]'::jsonb,
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);

    await q.query(`
      CREATE TABLE catalogue_items (
        id varchar(24) PRIMARY KEY CHECK (id ~ '^[0-9]{5}-([0-9]{3}|S-[0-9]{3}|[0-9]{3}A[0-9]{3})$'),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        type varchar(24) NOT NULL CHECK (type IN ('solution','additional_service','associated_service')),
        parent_item_id varchar(24) REFERENCES catalogue_items(id),
        publication_status varchar(16) NOT NULL DEFAULT 'draft'
          CHECK (publication_status IN ('draft','submitted','published','rejected','suspended','in_remediation','unpublished')),
        live_version_id uuid,
        accreditation_status varchar(16) CHECK (accreditation_status IN ('accredited','conditional','lapsed','failed')),
        accreditation_reason text,
        accreditation_derived_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        first_published_at timestamptz,
        last_published_at timestamptz,
        CHECK ((type = 'additional_service') = (parent_item_id IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX catalogue_items_supplier_idx ON catalogue_items (supplier_id, type)`);
    await q.query(`CREATE INDEX catalogue_items_status_idx ON catalogue_items (publication_status)`);

    // Every edit is a new version; the live one stays published until a newer one is approved.
    await q.query(`
      CREATE TABLE listing_versions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        version integer NOT NULL CHECK (version >= 1),
        status varchar(16) NOT NULL CHECK (status IN ('draft','submitted','approved','rejected','superseded','withdrawn')),
        content jsonb NOT NULL,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid REFERENCES users(id),
        submitted_at timestamptz,
        decided_by uuid REFERENCES users(id),
        decided_at timestamptz,
        decision_reason text,
        UNIQUE (item_id, version)
      )`);
    await q.query(`CREATE UNIQUE INDEX listing_versions_one_open_idx ON listing_versions (item_id) WHERE status IN ('draft','submitted')`);
    await q.query(`CREATE INDEX listing_versions_submitted_idx ON listing_versions (submitted_at) WHERE status = 'submitted'`);
    await q.query(`ALTER TABLE catalogue_items ADD CONSTRAINT catalogue_items_live_version_fk FOREIGN KEY (live_version_id) REFERENCES listing_versions(id)`);

    // ---- conformance results (one current result per solution and capability / epic / standard;
    // history is in the audit trail)
    await q.query(`
      CREATE TABLE capability_assessments (
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        capability_id integer NOT NULL REFERENCES capabilities(id),
        result varchar(16) NOT NULL CHECK (result IN ('passed_full','passed_partial','failed')),
        evidence text,
        assessor text NOT NULL,
        assessed_on date NOT NULL,
        expires_on date,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, capability_id),
        CHECK (expires_on IS NULL OR expires_on > assessed_on)
      )`);
    await q.query(`
      CREATE TABLE epic_assessments (
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        epic_id varchar(16) NOT NULL REFERENCES epics(id),
        result varchar(16) NOT NULL CHECK (result IN ('passed','not_evidenced','failed')),
        evidence text,
        assessor text NOT NULL,
        assessed_on date NOT NULL,
        expires_on date,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, epic_id),
        CHECK (expires_on IS NULL OR expires_on > assessed_on)
      )`);
    await q.query(`
      CREATE TABLE standard_assessments (
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        standard_id varchar(8) NOT NULL REFERENCES standards(id),
        result varchar(16) NOT NULL CHECK (result IN ('met','not_met','work_off_plan')),
        due_on date,
        evidence text,
        assessor text NOT NULL,
        assessed_on date NOT NULL,
        expires_on date,
        recorded_by uuid REFERENCES users(id),
        recorded_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (item_id, standard_id),
        CHECK ((result = 'work_off_plan') = (due_on IS NOT NULL)),
        CHECK (expires_on IS NULL OR expires_on > assessed_on)
      )`);

    // ---- public search: one row per listed item (published or in remediation), rebuilt by
    // refresh_catalogue_search(item) in the same transaction as any change that affects it.
    await q.query(`
      CREATE TABLE catalogue_search (
        item_id varchar(24) PRIMARY KEY REFERENCES catalogue_items(id),
        version_id uuid NOT NULL REFERENCES listing_versions(id),
        type varchar(24) NOT NULL,
        parent_item_id varchar(24),
        supplier_id uuid NOT NULL,
        supplier_code varchar(16) NOT NULL,
        supplier_name text NOT NULL,
        name text NOT NULL,
        summary text NOT NULL,
        publication_status varchar(16) NOT NULL,
        accreditation_status varchar(16),
        capability_ids integer[] NOT NULL,
        epic_ids text[] NOT NULL,
        framework_ids text[] NOT NULL,
        integration_types text[] NOT NULL,
        application_types text[] NOT NULL,
        hosting_types text[] NOT NULL,
        document tsvector NOT NULL,
        published_at timestamptz
      )`);
    await q.query(`CREATE INDEX catalogue_search_document_idx ON catalogue_search USING gin (document)`);
    await q.query(`CREATE INDEX catalogue_search_name_trgm_idx ON catalogue_search USING gin (name gin_trgm_ops)`);
    for (const col of ['capability_ids', 'epic_ids', 'framework_ids', 'integration_types', 'application_types', 'hosting_types']) {
      await q.query(`CREATE INDEX catalogue_search_${col}_idx ON catalogue_search USING gin (${col})`);
    }
    await q.query(`CREATE INDEX catalogue_search_name_idx ON catalogue_search (lower(name))`);
    await q.query(`CREATE INDEX catalogue_search_published_idx ON catalogue_search (published_at DESC)`);
    await q.query(`
      CREATE FUNCTION refresh_catalogue_search(p_item_id varchar) RETURNS void LANGUAGE plpgsql AS $$
      BEGIN
        DELETE FROM catalogue_search WHERE item_id = p_item_id;
        INSERT INTO catalogue_search (
          item_id, version_id, type, parent_item_id, supplier_id, supplier_code, supplier_name, name, summary,
          publication_status, accreditation_status, capability_ids, epic_ids, framework_ids,
          integration_types, application_types, hosting_types, document, published_at)
        SELECT i.id, v.id, i.type, i.parent_item_id, i.supplier_id, o.code, o.name,
               v.content->>'name', coalesce(v.content->>'summary', ''),
               i.publication_status, i.accreditation_status,
               coalesce(ARRAY(SELECT jsonb_array_elements_text(v.content->'capabilityIds')::int), '{}'),
               coalesce(ARRAY(SELECT jsonb_array_elements_text(v.content->'epicIds')), '{}'),
               coalesce(ARRAY(SELECT jsonb_array_elements_text(v.content->'frameworkIds')), '{}'),
               coalesce(ARRAY(SELECT DISTINCT (x->>'integration') || ': ' || (x->>'type') FROM jsonb_array_elements(v.content->'integrations') x), '{}'),
               coalesce(ARRAY(SELECT x->>'key' FROM jsonb_array_elements(v.content->'applicationTypes') x), '{}'),
               coalesce(ARRAY(SELECT x->>'key' FROM jsonb_array_elements(v.content->'hostingTypes') x), '{}'),
               setweight(to_tsvector('english', coalesce(v.content->>'name', '')), 'A') ||
               setweight(to_tsvector('english', coalesce(v.content->>'summary', '') || ' ' || o.name), 'B') ||
               setweight(to_tsvector('english', coalesce(v.content->>'description', '') || ' ' ||
                 coalesce((SELECT string_agg(f, ' ') FROM jsonb_array_elements_text(v.content->'features') f), '')), 'C'),
               i.last_published_at
          FROM catalogue_items i
          JOIN listing_versions v ON v.id = i.live_version_id
          JOIN organisations o ON o.id = i.supplier_id
         WHERE i.id = p_item_id AND i.publication_status IN ('published','in_remediation');
      END $$`);

    // ---- buyers' shortlists: a saved search plus chosen items, with the listing versions seen
    await q.query(`
      CREATE TABLE shortlists (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 100),
        filters jsonb NOT NULL DEFAULT '{}'::jsonb,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX shortlists_name_key ON shortlists (organisation_id, lower(name))`);
    await q.query(`
      CREATE TABLE shortlist_items (
        shortlist_id uuid NOT NULL REFERENCES shortlists(id) ON DELETE CASCADE,
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        listing_version_id uuid NOT NULL REFERENCES listing_versions(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (shortlist_id, item_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['shortlist_items', 'shortlists', 'catalogue_search', 'standard_assessments', 'epic_assessments', 'capability_assessments']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
    await q.query(`DROP FUNCTION IF EXISTS refresh_catalogue_search(varchar)`);
    await q.query(`ALTER TABLE catalogue_items DROP CONSTRAINT IF EXISTS catalogue_items_live_version_fk`);
    for (const t of ['listing_versions', 'catalogue_items', 'suppliers']) await q.query(`DROP TABLE IF EXISTS ${t}`);
  }
}
