import 'reflect-metadata';
import { importCatalogue } from '../modules/reference/catalogue.importer';
import { dataDir } from './data-dir';
import { runImport } from './run-import';

// node backend/dist/cli/import-catalogue.js [dir] [--force]: loads the Buying Catalogue reference data (default: the shipped copy).
if (require.main === module) {
  void runImport('import-catalogue', dataDir('buying-catalogue'), importCatalogue);
}
