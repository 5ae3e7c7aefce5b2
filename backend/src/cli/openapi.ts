import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { createApp, buildOpenApiDocument } from '../bootstrap';
import { loadConfig } from '../core/config/config';
import { JsonLogger } from '../core/logging/logger';

export const OPENAPI_PATH = path.resolve(__dirname, '..', '..', '..', 'docs', 'openapi.json');

/** Serialises the document the same way every time, so the committed copy diffs cleanly. */
export function serialiseOpenApi(doc: unknown) {
  return JSON.stringify(doc, null, 2) + '\n';
}

// Writes docs/openapi.json from the code; the frontend's typed client is generated from it.
async function main() {
  const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || 'postgres://unused@127.0.0.1:1/unused', MIGRATE_ON_START: 'false', DATABASE_CONNECT: 'false' });
  const app = await createApp(config, new JsonLogger('error'));
  writeFileSync(OPENAPI_PATH, serialiseOpenApi(buildOpenApiDocument(app)));
  console.log(`Wrote ${path.relative(process.cwd(), OPENAPI_PATH)}`);
  await app.close();
}

if (require.main === module) {
  main().catch((e) => {
    console.error(e);
    process.exit(1);
  });
}
