import { canonicalJson, parseIdempotencyKey, requestFingerprint } from './idempotency';

describe('parseIdempotencyKey', () => {
  it('accepts 1–255 printable ASCII characters, bare or as a Structured Field string', () => {
    expect(parseIdempotencyKey('8e03978e-40d5-43e8-bc93-6894a57f9324')).toBe('8e03978e-40d5-43e8-bc93-6894a57f9324');
    expect(parseIdempotencyKey('"8e03978e-40d5"')).toBe('8e03978e-40d5');
    expect(parseIdempotencyKey('"a \\"quoted\\" \\\\ key"')).toBe('a "quoted" \\ key');
    expect(parseIdempotencyKey('k'.repeat(255))).toBe('k'.repeat(255));
    expect(parseIdempotencyKey('  padded  ')).toBe('padded');
  });

  it('refuses empty, too long, non-ASCII, control characters and malformed quoting', () => {
    for (const bad of ['', '   ', '""', 'k'.repeat(256), 'café', 'tab\there', 'nul\u0000', '"bad"quote"', '"trailing\\"']) {
      expect(parseIdempotencyKey(bad)).toBeNull();
    }
  });
});

describe('requestFingerprint', () => {
  it('is the same for equal bodies whatever the key order, and differs for anything else', () => {
    const a = requestFingerprint('POST', '/api/shortlists', { name: 'x', filters: { q: 'a', capability: ['C5'] } });
    expect(requestFingerprint('post', '/api/shortlists', { filters: { capability: ['C5'], q: 'a' }, name: 'x' })).toBe(a);
    expect(requestFingerprint('POST', '/api/shortlists', { name: 'y', filters: { q: 'a', capability: ['C5'] } })).not.toBe(a);
    expect(requestFingerprint('PUT', '/api/shortlists', { name: 'x', filters: { q: 'a', capability: ['C5'] } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/shortlists?x=1', { name: 'x', filters: { q: 'a', capability: ['C5'] } })).not.toBe(a);
    expect(requestFingerprint('POST', '/api/x', undefined)).toBe(requestFingerprint('POST', '/api/x', null));
  });

  it('serialises canonically: sorted keys, undefined fields dropped, array order kept', () => {
    expect(canonicalJson({ b: 1, a: [3, 1, { d: undefined, c: 2 }] })).toBe('{"a":[3,1,{"c":2}],"b":1}');
  });
});
