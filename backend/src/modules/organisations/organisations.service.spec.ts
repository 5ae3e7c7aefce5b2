import type { Actor } from '../../core/auth/roles';
import { scopeCondition } from './organisations.service';

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

describe('scopeCondition (deny by default)', () => {
  it('gives operators everything', () => {
    expect(scopeCondition(actor('operator', 'operator', 'GPITM'), 1)).toEqual({ sql: 'TRUE', params: [] });
  });
  it('gives an ICB commissioner its ICB and everything under it', () => {
    expect(scopeCondition(actor('commissioner', 'icb', 'QHM'), 3)).toEqual({ sql: '(o.code = $3 OR o.icb_code = $3)', params: ['QHM'] });
  });
  it('gives a sub-ICB commissioner its sub-ICB location and everything under it', () => {
    expect(scopeCondition(actor('commissioner', 'sub_icb', '16C'), 1)).toEqual({ sql: '(o.code = $1 OR o.sub_icb_code = $1)', params: ['16C'] });
  });
  it.each([
    ['practice_manager', 'practice', 'A81001'],
    ['vendor', 'supplier', '10000'],
    // A commissioner role on an unexpected organisation type falls back to that organisation only.
    ['commissioner', 'pcn', 'U89141'],
  ] as const)('gives a %s only its own organisation', (role, type, code) => {
    expect(scopeCondition(actor(role, type, code), 1)).toEqual({ sql: 'o.id = $1', params: [`id-${code}`] });
  });
});
