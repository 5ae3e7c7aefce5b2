import { BadRequestException, NotFoundException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { DomainError } from './domain-error';
import { problemFrom } from './problem.filter';

describe('problemFrom', () => {
  it('keeps a domain error’s code, detail and field errors', () => {
    const { problem } = problemFrom(new DomainError(400, 'validation-error', 'Your request has errors', 'Check', [{ field: 'email', message: 'Enter an email' }]), '/api/x');
    expect(problem).toEqual({
      type: 'urn:gpit:problem:validation-error',
      title: 'Your request has errors',
      status: 400,
      detail: 'Check',
      instance: '/api/x',
      code: 'validation-error',
      errors: [{ field: 'email', message: 'Enter an email' }],
    });
  });

  it('maps Nest HTTP exceptions', () => {
    expect(problemFrom(new NotFoundException('Cannot GET /api/nope')).problem).toMatchObject({ status: 404, code: 'not-found', detail: 'Cannot GET /api/nope' });
    expect(problemFrom(new BadRequestException()).problem).toMatchObject({ status: 400, code: 'bad-request' });
  });

  it('maps bad JSON bodies to 400', () => {
    const err = Object.assign(new SyntaxError('Unexpected end'), { status: 400, type: 'entity.parse.failed', expose: true });
    expect(problemFrom(err).problem).toMatchObject({ status: 400, detail: 'The request body is not valid JSON.' });
  });

  it('maps an unreachable database to 503 with Retry-After', () => {
    const { problem, headers } = problemFrom(Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:5432'), { code: 'ECONNREFUSED' }));
    expect(problem).toMatchObject({ status: 503, code: 'database-unavailable' });
    expect(headers['Retry-After']).toBe('5');
  });

  it('maps client-caused database errors to 4xx and hides everything else as 500', () => {
    const invalid = new QueryFailedError('SELECT', [], Object.assign(new Error('invalid input syntax for type uuid'), { code: '22P02' }));
    expect(problemFrom(invalid).problem).toMatchObject({ status: 400 });
    const nul = new QueryFailedError('SELECT', [], Object.assign(new Error('invalid byte sequence for encoding "UTF8": 0x00'), { code: '22021' }));
    expect(problemFrom(nul).problem).toMatchObject({ status: 400 });
    const unique = new QueryFailedError('INSERT', [], Object.assign(new Error('duplicate key'), { code: '23505' }));
    expect(problemFrom(unique).problem).toMatchObject({ status: 409 });
    const other = problemFrom(new Error('secret internals'));
    expect(other.problem).toMatchObject({ status: 500, code: 'internal-error' });
    expect(JSON.stringify(other.problem)).not.toContain('secret internals');
  });
});
