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

  it('is OpenAPI 3 and every operation has an id and a tag', () => {
    const doc = JSON.parse(generated);
    expect(doc.openapi).toMatch(/^3\./);
    for (const [p, ops] of Object.entries<Record<string, { operationId?: string; tags?: string[] }>>(doc.paths)) {
      for (const [method, op] of Object.entries(ops)) {
        expect({ p, method, operationId: op.operationId, tagged: Boolean(op.tags?.length) }).toEqual({ p, method, operationId: expect.any(String), tagged: true });
      }
    }
  });

  it('frontend/app/lib/api/schema.d.ts is generated from the committed document', () => {
    const fresh = execFileSync('npx', ['openapi-typescript', OPENAPI_PATH], { cwd: path.join(repoRoot, 'frontend'), encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
    const committed = readFileSync(CLIENT_PATH, 'utf8');
    if (fresh.trim() !== committed.trim()) throw new Error(`frontend/app/lib/api/schema.d.ts is stale. ${FIX}`);
  });
});
