import { hash } from '@node-rs/argon2';
import { DataSource } from 'typeorm';
import { PASSWORD_HASH_OPTIONS } from '../../auth/password';

/** The marketplace operator's own organisation; every installation has it. */
export const OPERATOR_ORGANISATION = { code: 'GPITM', name: 'GP IT Marketplace assurance team' };

export const DEMO_PASSWORD = 'Demo-password-2026';

/** Fixed ids so tests and docs can refer to the demo accounts. */
export const DEMO_USERS = [
  { id: '00000000-0000-4000-8000-000000000001', email: 'practice.manager@demo.gpit.test', name: 'Priya Patel', org: 'A81001', role: 'practice_manager' },
  { id: '00000000-0000-4000-8000-000000000002', email: 'commissioner@demo.gpit.test', name: 'Callum Reid', org: 'QHM', role: 'commissioner' },
  { id: '00000000-0000-4000-8000-000000000003', email: 'vendor@demo.gpit.test', name: 'Vera Okafor', org: '10000', role: 'vendor' },
  { id: '00000000-0000-4000-8000-000000000004', email: 'operator@demo.gpit.test', name: 'Olu Adeyemi', org: 'GPITM', role: 'operator' },
  // A second commissioner of the same ICB: central funding needs someone other than the requester to approve.
  { id: '00000000-0000-4000-8000-000000000005', email: 'approver@demo.gpit.test', name: 'Aisha Khan', org: 'QHM', role: 'commissioner' },
] as const;

export async function seedOperatorOrganisation(db: DataSource) {
  await db.query(
    `INSERT INTO organisations (code, type, name) VALUES ($1, 'operator', $2)
     ON CONFLICT (code) DO NOTHING`,
    [OPERATOR_ORGANISATION.code, OPERATOR_ORGANISATION.name],
  );
}

/** Demo accounts for `npm start` and the tests; re-runnable, never overwrites a changed password. */
export async function seedDemoAccounts(db: DataSource, log: (m: string) => void = () => {}) {
  const passwordHash = await hash(DEMO_PASSWORD, PASSWORD_HASH_OPTIONS);
  await db.transaction(async (m) => {
    for (const u of DEMO_USERS) {
      const [org] = await m.query(`SELECT id FROM organisations WHERE code = $1`, [u.org]);
      if (!org) throw new Error(`Demo organisation ${u.org} is missing: import the reference data first`);
      await m.query(
        `INSERT INTO users (id, email, name, password_hash, status) VALUES ($1, $2, $3, $4, 'active')
         ON CONFLICT (id) DO NOTHING`,
        [u.id, u.email, u.name, passwordHash],
      );
      await m.query(
        `INSERT INTO memberships (user_id, organisation_id, role, is_admin) VALUES ($1, $2, $3, true)
         ON CONFLICT (user_id, organisation_id) DO NOTHING`,
        [u.id, org.id, u.role],
      );
    }
  });
  log(`Demo accounts ready (${DEMO_USERS.length}); password "${DEMO_PASSWORD}"`);
}
