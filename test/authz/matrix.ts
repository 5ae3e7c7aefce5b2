// The operations of the committed OpenAPI document, and how each path parameter is filled from the
// fixtures of one side.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { SideFixtures, SignedInRole } from './fixtures';

export interface Operation {
  operationId: string;
  method: 'get' | 'post' | 'put' | 'patch' | 'delete';
  path: string;
  /** The OpenAPI document marks it as needing a session (`security`). */
  secured: boolean;
}

export function loadOperations(): Operation[] {
  const doc = JSON.parse(readFileSync(path.join(__dirname, '../../docs/openapi.json'), 'utf8'));
  const ops: Operation[] = [];
  for (const [p, item] of Object.entries<any>(doc.paths)) {
    for (const method of ['get', 'post', 'put', 'patch', 'delete'] as const) {
      const op = item[method];
      if (op) ops.push({ operationId: op.operationId, method, path: p, secured: Array.isArray(op.security) && op.security.length > 0 });
    }
  }
  return ops;
}

const UNKNOWN_UUID = '00000000-0000-4000-8000-000000000000';

/** The value of one path parameter, for a role acting on one side's resources. */
export function paramValue(op: Operation, name: string, role: SignedInRole | 'anonymous', f: SideFixtures, ref: { standardId: string; capabilityId: string; epicId: string }): string {
  const p = op.path;
  const buyer = role === 'commissioner' ? 'commissioner' : 'practiceManager';
  const orgRole: SignedInRole = role === 'anonymous' ? 'practiceManager' : role;
  if (p.startsWith('/api/organisations/{code}')) {
    if (name === 'code') return f.orgCode[orgRole];
    if (name === 'userId') return f.orgUserId[orgRole];
  }
  if (p.startsWith('/api/orders/{ref}')) {
    if (name === 'ref') return /payments|amendments|summary\.pdf/.test(p) ? f.completedOrder : f.draftOrder[buyer];
    if (name === 'itemId') return f.orderItemId;
  }
  if (p.startsWith('/api/contracts/{id}') || p.startsWith('/api/register/contracts/{id}')) return f.contractId;
  if (p.startsWith('/api/shortlists/{id}')) return f.shortlist[buyer];
  if (p.startsWith('/api/competitions/{id}')) {
    if (name === 'id') return f.competition[buyer];
    if (name === 'itemId') return '10004-002';
  }
  if (p.startsWith('/api/switch-plans/{id}')) return f.planId ?? UNKNOWN_UUID;
  if (p.startsWith('/api/notifications/{id}')) return f.notification[orgRole];
  if (p.startsWith('/api/vendor/items/{id}') || p.startsWith('/api/moderation/items/{id}')) return f.vendorItemId;
  if (p.startsWith('/api/moderation/versions/{versionId}')) return f.versionId;
  if (p.startsWith('/api/assessments/{itemId}')) {
    if (name === 'itemId') return f.publicItemId;
    if (name === 'capabilityId') return ref.capabilityId;
    if (name === 'epicId') return ref.epicId;
    if (name === 'standardId') return ref.standardId;
    if (name === 'subject') return 'capabilities';
    if (name === 'subjectId') return ref.capabilityId;
  }
  if (p.startsWith('/api/catalogue/items/')) return f.publicItemId;
  if (p.startsWith('/api/suppliers/{code}')) return f.supplierCode;
  if (p.startsWith('/api/ocds/')) return f.ocid ?? 'ocds-unknown-0';
  if (p.startsWith('/api/invitations/{token}')) return 'no-such-invitation-token';
  // An expired imported framework for the transition, so forcing it cannot move the demo round on.
  if (p === '/api/onboarding/frameworks/{id}/transition') return 'NHSDGP001';
  if (p.startsWith('/api/onboarding/frameworks/{id}')) return 'PCF2027';
  if (p.startsWith('/api/onboarding/applications/{id}')) {
    if (name === 'id') return f.application;
    if (name === 'sectionId') return 'insurance';
    if (name === 'questionId') return 'clinicalSafetyOfficer';
  }
  if (p.startsWith('/api/onboarding/clarifications/{id}')) return f.clarification;
  if (p.startsWith('/api/onboarding/suppliers/{code}')) return f.onboardingSupplier;
  if (p === '/api/capabilities/{ref}') return 'C1';
  if (p === '/api/standards/{id}') return ref.standardId;
  if (p === '/api/frameworks/{id}') return 'TIF001';
  throw new Error(`authz matrix: no fixture for {${name}} in ${op.method.toUpperCase()} ${p} — add one in test/authz/matrix.ts`);
}

export function fillPath(op: Operation, role: SignedInRole | 'anonymous', f: SideFixtures, ref: { standardId: string; capabilityId: string; epicId: string }): string {
  return op.path.replace(/\{(\w+)\}/g, (_, name: string) => encodeURIComponent(paramValue(op, name, role, f, ref)));
}

let doc: any;
let emails = 0;
function resolve(schema: any): any {
  doc ??= JSON.parse(readFileSync(path.join(__dirname, '../../docs/openapi.json'), 'utf8'));
  if (schema?.$ref) return resolve(doc.components.schemas[schema.$ref.split('/').pop()]);
  if (schema?.allOf?.length === 1) return resolve(schema.allOf[0]);
  return schema ?? {};
}

/** A minimal valid-looking value for a schema, from the document's examples (required fields only). */
function sample(schema: any, depth = 0, key = ''): unknown {
  const s = resolve(schema);
  if (/email/i.test(key) && s.type === 'string') return `invitee-${++emails}@nhs.test`;
  if (s.example !== undefined) return s.example;
  if (s.enum?.length) return s.enum[0];
  if (s.type === 'array') return depth > 4 ? [] : [sample(s.items, depth + 1)];
  if (s.type === 'object' || s.properties) {
    const out: Record<string, unknown> = {};
    const keys = new Set([...(s.required ?? []), ...Object.keys(s.properties ?? {}).filter((k) => /email/i.test(k))]);
    for (const k of keys) out[k] = sample(s.properties?.[k], depth + 1, k);
    return out;
  }
  if (s.type === 'integer' || s.type === 'number') return s.minimum ?? 1;
  if (s.type === 'boolean') return true;
  if (s.format === 'date') return '2027-01-01';
  if (s.format === 'uuid') return '00000000-0000-4000-8000-000000000000';
  if (s.format === 'email') return 'someone@nhs.test';
  return 'Authz matrix';
}

/**
 * The body a write is sent with. Operations with a path parameter get a valid-looking body built from
 * the document's examples, so that for another organisation's resource it is the authorisation check,
 * not validation, that answers; the others get an empty body (their checks are by role, before validation).
 */
export function bodyFor(op: Operation): object {
  doc ??= JSON.parse(readFileSync(path.join(__dirname, '../../docs/openapi.json'), 'utf8'));
  if (!op.path.includes('{')) return {};
  const schema = doc.paths[op.path][op.method].requestBody?.content?.['application/json']?.schema;
  return schema ? (sample(schema) as object) : {};
}
