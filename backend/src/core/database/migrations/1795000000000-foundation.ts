import { MigrationInterface, QueryRunner } from 'typeorm';

/** Organisations (ODS hierarchy, suppliers, operator), identity, audit, outbox and catalogue reference data. */
export class Foundation1795000000000 implements MigrationInterface {
  name = 'Foundation1795000000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE EXTENSION IF NOT EXISTS pg_trgm`);

    // ---- organisations: every party is one row; parent links follow the ODS hierarchy
    await q.query(`
      CREATE TABLE organisations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        code varchar(16) NOT NULL UNIQUE,
        type varchar(16) NOT NULL CHECK (type IN ('region','icb','sub_icb','pcn','practice','supplier','operator')),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 300),
        ons_code varchar(16),
        address_line_1 text, address_line_2 text, address_line_3 text, town text, county text,
        postcode varchar(10),
        telephone varchar(32),
        open_date date,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('active','inactive')),
        region_code varchar(16) REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
        icb_code varchar(16) REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
        sub_icb_code varchar(16) REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
        pcn_code varchar(16) REFERENCES organisations(code) DEFERRABLE INITIALLY DEFERRED,
        registered_patients integer CHECK (registered_patients >= 0),
        registered_patients_date date,
        clinical_system_supplier text,
        source_extract_date date,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX organisations_type_name_idx ON organisations (type, name)`);
    await q.query(`CREATE INDEX organisations_icb_idx ON organisations (icb_code, type)`);
    await q.query(`CREATE INDEX organisations_sub_icb_idx ON organisations (sub_icb_code, type)`);
    await q.query(`CREATE INDEX organisations_pcn_idx ON organisations (pcn_code)`);
    await q.query(`CREATE INDEX organisations_region_idx ON organisations (region_code)`);
    await q.query(`CREATE INDEX organisations_postcode_idx ON organisations (replace(postcode, ' ', ''))`);
    await q.query(`CREATE INDEX organisations_name_trgm_idx ON organisations USING gin (name gin_trgm_ops)`);

    // ---- identity
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        password_hash text,
        status varchar(16) NOT NULL DEFAULT 'active' CHECK (status IN ('invited','active','disabled')),
        failed_sign_in_count integer NOT NULL DEFAULT 0,
        locked_until timestamptz,
        last_sign_in_at timestamptz,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE UNIQUE INDEX users_email_key ON users (lower(email))`);
    await q.query(`
      CREATE TABLE memberships (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role varchar(24) NOT NULL CHECK (role IN ('practice_manager','commissioner','vendor','operator')),
        is_admin boolean NOT NULL DEFAULT false,
        created_at timestamptz NOT NULL DEFAULT now(),
        UNIQUE (user_id, organisation_id)
      )`);
    await q.query(`CREATE INDEX memberships_organisation_idx ON memberships (organisation_id)`);
    await q.query(`
      CREATE TABLE sessions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        token_hash char(64) NOT NULL UNIQUE,
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        membership_id uuid NOT NULL REFERENCES memberships(id) ON DELETE CASCADE,
        csrf_token char(43) NOT NULL,
        ip text,
        user_agent text,
        created_at timestamptz NOT NULL DEFAULT now(),
        last_seen_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (user_id)`);
    await q.query(`CREATE INDEX sessions_expires_idx ON sessions (expires_at)`);
    await q.query(`
      CREATE TABLE password_reset_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        used_at timestamptz
      )`);
    await q.query(`
      CREATE TABLE invitations (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(254) NOT NULL,
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        role varchar(24) NOT NULL CHECK (role IN ('practice_manager','commissioner','vendor','operator')),
        is_admin boolean NOT NULL DEFAULT false,
        invited_by uuid REFERENCES users(id),
        token_hash char(64) NOT NULL UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        expires_at timestamptz NOT NULL,
        accepted_at timestamptz,
        revoked_at timestamptz
      )`);
    await q.query(`CREATE INDEX invitations_organisation_idx ON invitations (organisation_id)`);
    // Fixed-window counters shared by every API replica (failed sign-ins per IP, etc.).
    await q.query(`
      CREATE TABLE rate_limits (
        key text PRIMARY KEY,
        window_start timestamptz NOT NULL,
        count integer NOT NULL
      )`);

    // ---- email outbox: written in the same transaction as the change that causes the email
    await q.query(`
      CREATE TABLE email_outbox (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        to_address varchar(254) NOT NULL,
        subject text NOT NULL,
        text_body text NOT NULL,
        template varchar(64) NOT NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        sent_at timestamptz,
        attempts integer NOT NULL DEFAULT 0,
        last_error text,
        next_attempt_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX email_outbox_pending_idx ON email_outbox (next_attempt_at) WHERE sent_at IS NULL`);
    await q.query(`CREATE INDEX email_outbox_to_idx ON email_outbox (lower(to_address), created_at DESC)`);

    // ---- audit: append-only, enforced by the database itself
    await q.query(`
      CREATE TABLE audit_events (
        id bigserial PRIMARY KEY,
        occurred_at timestamptz NOT NULL DEFAULT now(),
        actor_user_id uuid,
        actor_email varchar(254),
        organisation_id uuid,
        action varchar(64) NOT NULL,
        object_type varchar(64),
        object_id text,
        before jsonb,
        after jsonb,
        request_id varchar(64),
        ip text
      )`);
    await q.query(`CREATE INDEX audit_events_time_idx ON audit_events (occurred_at DESC, id DESC)`);
    await q.query(`CREATE INDEX audit_events_action_idx ON audit_events (action, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_events_actor_idx ON audit_events (actor_user_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_events_org_idx ON audit_events (organisation_id, occurred_at DESC)`);
    await q.query(`CREATE INDEX audit_events_object_idx ON audit_events (object_type, object_id)`);
    await q.query(`
      CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        RAISE EXCEPTION 'audit_events is append-only';
      END $$`);
    await q.query(`
      CREATE TRIGGER audit_events_no_change BEFORE UPDATE OR DELETE OR TRUNCATE ON audit_events
      FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only()`);

    // ---- catalogue reference data (NHS Buying Catalogue)
    await q.query(`CREATE TABLE capability_categories (id integer PRIMARY KEY, name text NOT NULL)`);
    await q.query(`
      CREATE TABLE capabilities (
        id integer PRIMARY KEY,
        ref varchar(8) NOT NULL UNIQUE,
        name text NOT NULL,
        description text NOT NULL,
        category_id integer NOT NULL REFERENCES capability_categories(id),
        version varchar(16),
        status varchar(16) NOT NULL CHECK (status IN ('Effective','Expired')),
        source_url text,
        is_foundation boolean NOT NULL DEFAULT false
      )`);
    await q.query(`
      CREATE TABLE epics (
        id varchar(16) PRIMARY KEY,
        name text NOT NULL,
        is_active boolean NOT NULL,
        supplier_defined boolean NOT NULL
      )`);
    await q.query(`
      CREATE TABLE capability_epics (
        capability_id integer NOT NULL REFERENCES capabilities(id),
        epic_id varchar(16) NOT NULL REFERENCES epics(id),
        compliancy varchar(8) NOT NULL CHECK (compliancy IN ('MUST','SHOULD','MAY')),
        PRIMARY KEY (capability_id, epic_id)
      )`);
    await q.query(`CREATE INDEX capability_epics_epic_idx ON capability_epics (epic_id)`);
    await q.query(`
      CREATE TABLE standards (
        id varchar(8) PRIMARY KEY,
        name text NOT NULL,
        description text,
        url text,
        version varchar(32),
        is_deleted boolean NOT NULL DEFAULT false,
        type varchar(16) NOT NULL CHECK (type IN ('Overarching','Other')),
        category varchar(24) NOT NULL CHECK (category IN ('Overarching','Interoperability','Capability','Context Specific'))
      )`);
    await q.query(`
      CREATE TABLE standard_capabilities (
        standard_id varchar(8) NOT NULL REFERENCES standards(id),
        capability_id integer NOT NULL REFERENCES capabilities(id),
        PRIMARY KEY (standard_id, capability_id)
      )`);
    await q.query(`
      CREATE TABLE frameworks (
        id varchar(16) PRIMARY KEY,
        name text NOT NULL,
        short_name text NOT NULL,
        owner text NOT NULL,
        funding_types text[] NOT NULL,
        status varchar(16) NOT NULL CHECK (status IN ('coming','open','pending','standstill','live','expired')),
        maximum_term_months integer NOT NULL CHECK (maximum_term_months BETWEEN 1 AND 120)
      )`);
    await q.query(`
      CREATE TABLE framework_capabilities (
        framework_id varchar(16) NOT NULL REFERENCES frameworks(id),
        capability_id integer NOT NULL REFERENCES capabilities(id),
        PRIMARY KEY (framework_id, capability_id)
      )`);
    await q.query(`
      CREATE TABLE integration_types (
        id serial PRIMARY KEY,
        integration varchar(32) NOT NULL,
        name text NOT NULL,
        description text,
        UNIQUE (integration, name)
      )`);
    await q.query(`CREATE TABLE application_types (key varchar(32) PRIMARY KEY, name text NOT NULL, detail_fields jsonb NOT NULL)`);
    await q.query(`CREATE TABLE hosting_types (key varchar(32) PRIMARY KEY, name text NOT NULL, detail_fields jsonb NOT NULL)`);
    // What each importer last loaded, so start-up skips unchanged files.
    await q.query(`
      CREATE TABLE reference_imports (
        name varchar(32) PRIMARY KEY,
        checksum char(64) NOT NULL,
        imported_at timestamptz NOT NULL DEFAULT now(),
        summary jsonb NOT NULL
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of [
      'reference_imports', 'hosting_types', 'application_types', 'integration_types', 'framework_capabilities', 'frameworks',
      'standard_capabilities', 'standards', 'capability_epics', 'epics', 'capabilities', 'capability_categories',
      'audit_events', 'email_outbox', 'rate_limits', 'invitations', 'password_reset_tokens', 'sessions', 'memberships', 'users', 'organisations',
    ]) {
      await q.query(`DROP TABLE IF EXISTS ${t} CASCADE`);
    }
    await q.query(`DROP FUNCTION IF EXISTS audit_events_append_only()`);
  }
}
