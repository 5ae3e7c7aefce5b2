import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Competitions (product.md §4 "Competitions", docs/decisions/019-competitions.md): a buyer compares
 * 2–8 solutions from one of its shortlists. The listing versions the shortlist saved are frozen here,
 * so later edits to a listing never change a competition. Weightings and scores are checked here as
 * well as in the service; the ranking is frozen into `results` when the competition completes.
 */
export class Competitions1795000000080 implements MigrationInterface {
  name = 'Competitions1795000000080';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE competitions (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        organisation_id uuid NOT NULL REFERENCES organisations(id),
        name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
        shortlist_id uuid REFERENCES shortlists(id) ON DELETE SET NULL,
        status varchar(16) NOT NULL DEFAULT 'draft' CHECK (status IN ('draft','completed')),
        award_type varchar(16) CHECK (award_type IN ('competition','direct')),
        framework_id varchar(16) REFERENCES frameworks(id),
        term_months integer CHECK (term_months BETWEEN 1 AND 120),
        criteria_type varchar(24) CHECK (criteria_type IN ('price','price_and_non_price')),
        price_weight smallint CHECK (price_weight BETWEEN 0 AND 100 AND price_weight % 5 = 0),
        -- sub-weightings of the non-price elements, percent of the non-price weight; 0 = not used
        features_weight smallint NOT NULL DEFAULT 0 CHECK (features_weight BETWEEN 0 AND 100 AND features_weight % 5 = 0),
        implementation_weight smallint NOT NULL DEFAULT 0 CHECK (implementation_weight BETWEEN 0 AND 100 AND implementation_weight % 5 = 0),
        interoperability_weight smallint NOT NULL DEFAULT 0 CHECK (interoperability_weight BETWEEN 0 AND 100 AND interoperability_weight % 5 = 0),
        service_levels_weight smallint NOT NULL DEFAULT 0 CHECK (service_levels_weight BETWEEN 0 AND 100 AND service_levels_weight % 5 = 0),
        -- the ranking, winners and the recipients' registered patients, frozen at completion
        results jsonb,
        order_number integer UNIQUE CHECK (order_number BETWEEN 1 AND 999999),
        created_by uuid NOT NULL REFERENCES users(id),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        completed_by uuid REFERENCES users(id),
        completed_at timestamptz,
        CONSTRAINT competitions_criteria_check CHECK (
          (criteria_type IS NULL AND price_weight IS NULL
            AND features_weight + implementation_weight + interoperability_weight + service_levels_weight = 0)
          OR (criteria_type = 'price' AND price_weight = 100
            AND features_weight + implementation_weight + interoperability_weight + service_levels_weight = 0)
          OR (criteria_type = 'price_and_non_price' AND price_weight BETWEEN 30 AND 90
            AND features_weight + implementation_weight + interoperability_weight + service_levels_weight = 100)),
        CONSTRAINT competitions_completed_check CHECK ((status = 'completed') = (completed_at IS NOT NULL AND results IS NOT NULL AND award_type IS NOT NULL)),
        CONSTRAINT competitions_order_check CHECK (order_number IS NULL OR status = 'completed')
      )`);
    await q.query(`CREATE UNIQUE INDEX competitions_name_key ON competitions (organisation_id, lower(name))`);
    await q.query(`CREATE INDEX competitions_organisation_idx ON competitions (organisation_id, updated_at DESC)`);
    await q.query(`CREATE INDEX competitions_shortlist_idx ON competitions (shortlist_id)`);

    await q.query(`
      CREATE TABLE competition_solutions (
        competition_id uuid NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        item_id varchar(24) NOT NULL REFERENCES catalogue_items(id),
        -- the version the shortlist saved, frozen: the competition compares what the buyer saw
        listing_version_id uuid NOT NULL REFERENCES listing_versions(id),
        position smallint NOT NULL,
        included boolean,
        exclusion_reason text CHECK (length(exclusion_reason) BETWEEN 1 AND 2000),
        price_id text CHECK (length(price_id) BETWEEN 1 AND 64),
        quantity integer CHECK (quantity BETWEEN 0 AND 100000000),
        PRIMARY KEY (competition_id, item_id),
        CHECK (included IS DISTINCT FROM false OR exclusion_reason IS NOT NULL),
        CHECK (included IS DISTINCT FROM true OR exclusion_reason IS NULL)
      )`);

    await q.query(`
      CREATE TABLE competition_recipients (
        competition_id uuid NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        practice_id uuid NOT NULL REFERENCES organisations(id),
        PRIMARY KEY (competition_id, practice_id)
      )`);
    await q.query(`CREATE INDEX competition_recipients_practice_idx ON competition_recipients (practice_id)`);

    // Features requirements (MUST/SHOULD) and the integration types wanted (interoperability).
    await q.query(`
      CREATE TABLE competition_requirements (
        competition_id uuid NOT NULL REFERENCES competitions(id) ON DELETE CASCADE,
        kind varchar(16) NOT NULL CHECK (kind IN ('feature','integration')),
        position smallint NOT NULL,
        text text NOT NULL CHECK (length(text) BETWEEN 1 AND 500),
        priority varchar(8) CHECK (priority IN ('must','should')),
        PRIMARY KEY (competition_id, kind, position),
        CHECK ((kind = 'feature') = (priority IS NOT NULL))
      )`);

    await q.query(`
      CREATE TABLE competition_scores (
        competition_id uuid NOT NULL,
        item_id varchar(24) NOT NULL,
        element varchar(24) NOT NULL CHECK (element IN ('features','implementation','interoperability','service_levels')),
        score smallint NOT NULL CHECK (score BETWEEN 1 AND 5),
        justification text NOT NULL CHECK (length(justification) BETWEEN 1 AND 2000),
        scored_by uuid NOT NULL REFERENCES users(id),
        scored_at timestamptz NOT NULL DEFAULT now(),
        PRIMARY KEY (competition_id, item_id, element),
        FOREIGN KEY (competition_id, item_id) REFERENCES competition_solutions(competition_id, item_id) ON DELETE CASCADE
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['competition_scores', 'competition_requirements', 'competition_recipients', 'competition_solutions', 'competitions']) {
      await q.query(`DROP TABLE IF EXISTS ${t}`);
    }
  }
}
