// The test PostgreSQL server and migrated template database are prepared once by scripts/test.mjs
// (npm test), which exports their location; each test file clones the template.
module.exports = async () => {
  if (!process.env.TEST_PG_ADMIN_URL || !process.env.TEST_TEMPLATE_DB) {
    throw new Error('Run the backend tests through `npm test` or `npm run test:backend` from the repository root: they prepare the test database.');
  }
};
