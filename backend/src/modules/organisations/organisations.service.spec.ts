import type { Actor } from '../../core/auth/roles';
import { Where } from '../../core/http/paging';
import { addScope } from './organisations.service';

const scoped = (a: Actor) => {
  const w = addScope(a, new Where().add('o.type = ?', 'practice'));
  return { sql: w.sql, params: w.params };
};

const actor = (role: Actor['role'], type: Actor['organisation']['type'], code: string): Actor => ({
  userId: 'u',
  email: 'e',
  name: 'n',
  sessionId: 's',
  csrfToken: 'c',
  membershipId: 'm',
  role,
  isAdmin: false,
  organisation: { id: `id-${code}`, code, type, name: code, icbCode: null, subIcbCode: null },
});

describe('addScope (deny by default)', () => {
  it('gives operators everything', () => {
    expect(scoped(actor('operator', 'operator', 'GPITM'))).toEqual({ sql: 'WHERE o.type = $1', params: ['practice'] });
  });
  it('gives an ICB commissioner its ICB and everything under it', () => {
    expect(scoped(actor('commissioner', 'icb', 'QHM'))).toEqual({ sql: 'WHERE o.type = $1 AND (o.code = $2 OR o.icb_code = $3)', params: ['practice', 'QHM', 'QHM'] });
  });
  it('gives a sub-ICB commissioner its sub-ICB location and everything under it', () => {
    expect(scoped(actor('commissioner', 'sub_icb', '16C'))).toEqual({ sql: 'WHERE o.type = $1 AND (o.code = $2 OR o.sub_icb_code = $3)', params: ['practice', '16C', '16C'] });
  });
  it.each([
    ['practice_manager', 'practice', 'A81001'],
    ['vendor', 'supplier', '10000'],
    // A commissioner role on an unexpected organisation type falls back to that organisation only.
    ['commissioner', 'pcn', 'U89141'],
  ] as const)('gives a %s only its own organisation', (role, type, code) => {
    expect(scoped(actor(role, type, code))).toEqual({ sql: 'WHERE o.type = $1 AND o.id = $2', params: ['practice', `id-${code}`] });
  });
});
