import { Writable } from 'node:stream';
import { JsonLogger, redact, redactPath, requestContext } from './logger';

describe('JsonLogger', () => {
  it('writes one JSON object per line with the request id, never secrets', () => {
    const lines: string[] = [];
    const out = new Writable({ write: (chunk, _enc, cb) => (lines.push(String(chunk)), cb()) });
    const logger = new JsonLogger('info', out);
    requestContext.run({ requestId: 'req-1' }, () => logger.write('info', 'hello', { password: 'hunter2', nested: { csrfToken: 'abc', ok: 1 } }));
    logger.debug('hidden below info');
    expect(lines).toHaveLength(1);
    const line = JSON.parse(lines[0]);
    expect(line).toMatchObject({ level: 'info', msg: 'hello', requestId: 'req-1', password: '[redacted]', nested: { csrfToken: '[redacted]', ok: 1 } });
    expect(lines[0]).not.toContain('hunter2');
  });

  it('redacts cookies and authorization headers at any depth', () => {
    expect(redact({ headers: { cookie: 'gpit_session=x', Authorization: 'Bearer y' } })).toEqual({ headers: { cookie: '[redacted]', Authorization: '[redacted]' } });
  });

  it('keeps the secret of an emailed link out of a logged path', () => {
    const token = 'F3xq9ZpL0aB2cD4eF6gH8iJ0kL2mN4oP6qR8sT0uV1w';
    expect(redactPath(`/api/invitations/${token}`)).toBe('/api/invitations/[redacted]');
    expect(redactPath(`/reset-password/${token}`)).toBe('/reset-password/[redacted]');
    expect(redactPath(`/supplier-registration/confirm/${token}`)).toBe('/supplier-registration/confirm/[redacted]');
    expect(redactPath('/api/invitations/accept')).toBe('/api/invitations/accept');
  });
});
