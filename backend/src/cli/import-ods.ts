import 'reflect-metadata';
import { importOds } from '../modules/organisations/ods.importer';
import { dataDir } from './data-dir';
import { runImport } from './run-import';

// node backend/dist/cli/import-ods.js [dir] [--force]: loads an ODS / NHS England release (default: the shipped one).
if (require.main === module) {
  void runImport('import-ods', dataDir('ods'), importOds);
}
