import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Supplier onboarding: vendor self-registration, framework rounds with a dated lifecycle, the
 * declaration (questions as data), applications with proposed solutions, clarification questions,
 * and the signed framework agreement that puts a supplier on a framework.
 */
export class Onboarding1795000000100 implements MigrationInterface {
  name = 'Onboarding1795000000100';

  async up(q: QueryRunner): Promise<void> {
    // ---- frameworks: where each came from, the dates of each lifecycle step, the round's documents.
    // Imported frameworks keep the live/expired status the reference data gives them and have no dates.
    await q.query(`
      ALTER TABLE frameworks
        ADD COLUMN source varchar(16) NOT NULL DEFAULT 'reference' CHECK (source IN ('reference','operator')),
        ADD COLUMN description text CHECK (length(description) <= 3000),
        ADD COLUMN interest_from date,
        ADD COLUMN opens_on date,
        ADD COLUMN closes_on date,
        ADD COLUMN results_on date,
        ADD COLUMN live_on date,
        ADD COLUMN expires_on date,
        ADD COLUMN declaration jsonb,
        ADD COLUMN agreement_text text,
        ADD COLUMN agreement_sha256 char(64),
        ADD COLUMN status_changed_at timestamptz,
        ADD CONSTRAINT frameworks_dates_in_order CHECK (
          (interest_from IS NULL OR opens_on IS NULL OR interest_from <= opens_on)
          AND (opens_on IS NULL OR closes_on IS NULL OR opens_on < closes_on)
          AND (closes_on IS NULL OR results_on IS NULL OR closes_on <= results_on)
          AND (results_on IS NULL OR live_on IS NULL OR results_on <= live_on)
          AND (live_on IS NULL OR expires_on IS NULL OR live_on < expires_on)),
        ADD CONSTRAINT frameworks_operator_rounds_complete CHECK (source = 'reference' OR (
          opens_on IS NOT NULL AND closes_on IS NOT NULL AND results_on IS NOT NULL AND live_on IS NOT NULL
          AND expires_on IS NOT NULL AND declaration IS NOT NULL AND agreement_text IS NOT NULL AND agreement_sha256 IS NOT NULL))`);

    // ---- which suppliers are on which framework (a countersigned agreement, or carried over)
    await q.query(`
      CREATE TABLE supplier_frameworks (
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        via varchar(16) NOT NULL CHECK (via IN ('existing','agreement')),
        since timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (supplier_id, framework_id)
      )`);
    await q.query(`CREATE INDEX supplier_frameworks_framework_idx ON supplier_frameworks (framework_id)`);
    // Suppliers already listed on a framework stay on it, so the catalogue and ordering keep working.
    await q.query(`
      INSERT INTO supplier_frameworks (supplier_id, framework_id, via)
      SELECT DISTINCT i.supplier_id, f.id, 'existing'
        FROM listing_versions v JOIN catalogue_items i ON i.id = v.item_id
        CROSS JOIN LATERAL jsonb_array_elements_text(coalesce(v.content->'frameworkIds', '[]'::jsonb)) AS fw(id)
        JOIN frameworks f ON f.id = fw.id
      ON CONFLICT DO NOTHING`);

    // ---- vendor self-registration: pending until the emailed link is followed
    await q.query(`
      CREATE TABLE supplier_registrations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        company_name text NOT NULL CHECK (length(company_name) BETWEEN 1 AND 300),
        companies_house_number varchar(8) NOT NULL CHECK (companies_house_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6}|R0[0-9]{6})$'),
        address jsonb NOT NULL,
        contact_name text NOT NULL CHECK (length(contact_name) BETWEEN 1 AND 200),
        email varchar(254) NOT NULL,
        password_hash text NOT NULL,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        verified_at timestamptz,
        organisation_id uuid REFERENCES organisations(id)
      )`);
    await q.query(`CREATE INDEX supplier_registrations_email_idx ON supplier_registrations (lower(email))`);
    await q.query(`CREATE INDEX suppliers_companies_house_idx ON suppliers (companies_house_number)`);
    await q.query(`ALTER TABLE suppliers ADD COLUMN merged_into uuid REFERENCES organisations(id)`);
    // Registrations of Northern Ireland companies before 1922 are R0 and six digits.
    await q.query(`ALTER TABLE suppliers DROP CONSTRAINT IF EXISTS suppliers_companies_house_number_check`);
    await q.query(`ALTER TABLE suppliers ADD CONSTRAINT suppliers_companies_house_number_check CHECK (companies_house_number ~ '^([0-9]{8}|[A-Z]{2}[0-9]{6}|R0[0-9]{6})$')`);

    // ---- interest registered in a round that is coming (told by email when it opens)
    await q.query(`
      CREATE TABLE framework_interest (
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        registered_by uuid REFERENCES users(id),
        registered_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (framework_id, supplier_id)
      )`);

    // ---- applications: the declaration's answers (saved section by section), marks and result
    await q.query(`
      CREATE TABLE framework_applications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','submitted')),
        answers jsonb NOT NULL DEFAULT '{}'::jsonb,
        sections_saved text[] NOT NULL DEFAULT '{}',
        marks jsonb NOT NULL DEFAULT '{}'::jsonb,
        result varchar(16) CHECK (result IN ('pass','fail','pending')),
        result_reasons jsonb NOT NULL DEFAULT '[]'::jsonb,
        marked_at timestamptz,
        created_by uuid REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        submitted_by uuid REFERENCES users(id),
        submitted_at timestamptz,
        UNIQUE (framework_id, supplier_id),
        CHECK ((status = 'submitted') = (submitted_at IS NOT NULL))
      )`);
    await q.query(`CREATE INDEX framework_applications_supplier_idx ON framework_applications (supplier_id)`);
    await q.query(`
      CREATE TABLE application_solutions (
        application_id uuid NOT NULL REFERENCES framework_applications(id) ON DELETE CASCADE,
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        added_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (application_id, item_id)
      )`);

    // ---- clarification questions: private to the asker until the operator publishes an answer
    await q.query(`
      CREATE TABLE framework_clarifications (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        asked_by uuid REFERENCES users(id),
        question text NOT NULL CHECK (length(question) BETWEEN 1 AND 3000),
        asked_at timestamptz NOT NULL DEFAULT now(),
        published_question text CHECK (length(published_question) <= 3000),
        answer text CHECK (length(answer) <= 5000),
        answered_by uuid REFERENCES users(id),
        published_at timestamptz,
        CHECK ((published_at IS NULL) = (answer IS NULL))
      )`);
    await q.query(`CREATE INDEX framework_clarifications_framework_idx ON framework_clarifications (framework_id, asked_at)`);

    // ---- the framework agreement: the supplier signs the exact document (its SHA-256), the operator countersigns
    await q.query(`
      CREATE TABLE framework_agreements (
        application_id uuid PRIMARY KEY REFERENCES framework_applications(id),
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        supplier_id uuid NOT NULL REFERENCES organisations(id),
        document_sha256 char(64) NOT NULL,
        signer_name text NOT NULL CHECK (length(signer_name) BETWEEN 1 AND 200),
        signer_role text NOT NULL CHECK (length(signer_role) BETWEEN 1 AND 200),
        signed_by uuid NOT NULL REFERENCES users(id),
        signed_at timestamptz NOT NULL DEFAULT now(),
        countersigned_by uuid REFERENCES users(id),
        countersigned_at timestamptz,
        UNIQUE (framework_id, supplier_id)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['framework_agreements', 'framework_clarifications', 'application_solutions', 'framework_applications', 'framework_interest', 'supplier_registrations', 'supplier_frameworks']) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP INDEX IF EXISTS suppliers_companies_house_idx`);
    await q.query(`ALTER TABLE suppliers DROP COLUMN IF EXISTS merged_into`);
    await q.query(`
      ALTER TABLE frameworks DROP CONSTRAINT IF EXISTS frameworks_operator_rounds_complete, DROP CONSTRAINT IF EXISTS frameworks_dates_in_order,
        DROP COLUMN source, DROP COLUMN description, DROP COLUMN interest_from, DROP COLUMN opens_on, DROP COLUMN closes_on, DROP COLUMN results_on,
        DROP COLUMN live_on, DROP COLUMN expires_on, DROP COLUMN declaration, DROP COLUMN agreement_text, DROP COLUMN agreement_sha256, DROP COLUMN status_changed_at`);
  }
}
