import SwaggerParser from '@apidevtools/swagger-parser';
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { buildOpenApiDocument, createApp } from '../bootstrap';
import { loadConfig } from '../core/config/config';
import { JsonLogger } from '../core/logging/logger';
import { OPENAPI_PATH, serialiseOpenApi } from './openapi';

const repoRoot = path.resolve(__dirname, '..', '..', '..');
const CLIENT_PATH = path.join(repoRoot, 'frontend', 'app', 'lib', 'api', 'schema.d.ts');
const FIX = 'Run `npm run openapi` and commit the result.';

describe('committed OpenAPI document and generated client', () => {
  let generated: string;
  beforeAll(async () => {
    const config = loadConfig({ ...process.env, DATABASE_URL: 'postgres://unused@127.0.0.1:1/unused', DATABASE_CONNECT: 'false', MIGRATE_ON_START: 'false' });
    const app = await createApp(config, new JsonLogger('error'));
    generated = serialiseOpenApi(buildOpenApiDocument(app));
    await app.close();
  });

  it('docs/openapi.json matches the code', () => {
    const committed = readFileSync(OPENAPI_PATH, 'utf8');
    if (committed !== generated) throw new Error(`docs/openapi.json is stale. ${FIX}`);
  });

  it('is a valid OpenAPI 3 document', async () => {
    const doc = JSON.parse(generated);
    expect(doc.openapi).toMatch(/^3\./);
    // Validates against the official OpenAPI schema and resolves every $ref.
    await expect(SwaggerParser.validate(doc)).resolves.toBeTruthy();
  });

  it('gives every operation an id, a tag and a problem+json error response', () => {
    const doc = JSON.parse(generated);
    type Op = { operationId?: string; tags?: string[]; responses?: Record<string, { content?: Record<string, unknown> }> };
    for (const [p, ops] of Object.entries<Record<string, Op>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        const problem = Boolean(op.responses?.default?.content?.['application/problem+json']);
        expect({ p, method, operationId: op.operationId, tagged: Boolean(op.tags?.length), problem }).toEqual({ p, method, operationId: expect.any(String), tagged: true, problem: true });
      }
    }
  });

  it('frontend/app/lib/api/schema.d.ts is generated from the committed document', () => {
    const fresh = execFileSync('npx', ['openapi-typescript', OPENAPI_PATH], { cwd: path.join(repoRoot, 'frontend'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const committed = readFileSync(CLIENT_PATH, 'utf8');
    if (fresh.trim() !== committed.trim()) throw new Error(`frontend/app/lib/api/schema.d.ts is stale. ${FIX}`);
  });
});
