import path from 'node:path';

/** The reference data shipped in the repo (backend/data), from src/ or dist/. */
export function dataDir(name: string) {
  return path.resolve(__dirname, '..', '..', 'data', name);
}
