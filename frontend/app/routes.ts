import { index, prefix, route, type RouteConfig } from '@react-router/dev/routes';

// Explicit routes, grouped by domain area (app/routes/<area>/…).
export default [
  index('routes/home.tsx'),

  // Signing in and out, passwords and invitations
  route('sign-in', 'routes/auth/sign-in.tsx'),
  route('sign-out', 'routes/auth/sign-out.tsx'),
  route('switch-organisation', 'routes/auth/switch-organisation.tsx'),
  ...prefix('reset-password', [index('routes/auth/reset-password.tsx'), route(':token', 'routes/auth/reset-password-confirm.tsx')]),
  route('invitations/:token', 'routes/auth/accept-invitation.tsx'),

  // Supplier onboarding: registration, framework rounds, applications and agreements
  route('supplier-registration', 'routes/onboarding/register.tsx'),
  route('supplier-registration/confirm/:token', 'routes/onboarding/confirm.tsx'),
  ...prefix('framework-rounds', [index('routes/onboarding/rounds.tsx'), route(':id', 'routes/onboarding/round.tsx')]),

  // Role homes
  route('practice', 'routes/practice/home.tsx'),
  route('commissioner', 'routes/commissioner/home.tsx'),
  ...prefix('vendor', [
    index('routes/vendor/home.tsx'),
    route('supplier', 'routes/vendor/supplier.tsx'),
    route('items', 'routes/vendor/items.tsx'),
    route('items/:id', 'routes/vendor/item.tsx'),
    route('items/:id/assessment', 'routes/vendor/item-assessment.tsx'),
    route('items/:id/:section', 'routes/vendor/item-section.tsx'),
    route('assessments', 'routes/vendor/assessments.tsx'),
    route('payouts', 'routes/vendor/payouts.tsx'),
    route('frameworks/:id', 'routes/onboarding/vendor/round.tsx'),
    route('applications', 'routes/onboarding/vendor/applications.tsx'),
    route('applications/:id', 'routes/onboarding/vendor/application.tsx'),
    route('applications/:id/sections/:sectionId', 'routes/onboarding/vendor/section.tsx'),
    route('applications/:id/solutions', 'routes/onboarding/vendor/solutions.tsx'),
    route('applications/:id/clarifications', 'routes/onboarding/vendor/clarifications.tsx'),
    route('applications/:id/agreement', 'routes/onboarding/vendor/agreement.tsx'),
  ]),
  ...prefix('operator', [
    index('routes/operator/home.tsx'),
    route('audit', 'routes/operator/audit.tsx'),
    route('moderation', 'routes/operator/moderation.tsx'),
    route('moderation/:versionId', 'routes/operator/moderation-version.tsx'),
    route('items', 'routes/operator/items.tsx'),
    route('items/:id', 'routes/operator/item.tsx'),
    route('assessments/:itemId', 'routes/operator/assessment.tsx'),
    route('assessments/:itemId/:subject/:subjectId', 'routes/operator/assessment-result.tsx'),
    route('frameworks', 'routes/onboarding/operator/rounds.tsx'),
    route('frameworks/new', 'routes/onboarding/operator/round-new.tsx'),
    route('frameworks/:id', 'routes/onboarding/operator/round.tsx'),
    route('applications/:id', 'routes/onboarding/operator/application.tsx'),
    route('suppliers', 'routes/onboarding/operator/suppliers.tsx'),
  ]),

  // Organisations
  route('organisation', 'routes/organisations/my-organisation.tsx'),
  ...prefix('organisations', [index('routes/organisations/directory.tsx'), route(':code', 'routes/organisations/detail.tsx')]),

  // Public catalogue: search, listing pages and comparison
  ...prefix('solutions', [
    index('routes/solutions/search.tsx'),
    route('compare', 'routes/solutions/compare.tsx'),
    route('suggest', 'routes/solutions/suggest.tsx'),
    route(':id', 'routes/solutions/solution.tsx'),
  ]),

  // Shortlists: saved searches of practice managers and commissioners
  ...prefix('shortlists', [index('routes/shortlists/list.tsx'), route(':id', 'routes/shortlists/shortlist.tsx')]),

  // Orders (call-offs) and the contracts they create
  ...prefix('orders', [
    index('routes/orders/list.tsx'),
    route('new', 'routes/orders/new.tsx'),
    route('approvals', 'routes/orders/approvals.tsx'),
    route(':ref', 'routes/orders/order.tsx'),
    route(':ref/description', 'routes/orders/description.tsx'),
    route(':ref/ordering-party', 'routes/orders/ordering-party.tsx'),
    route(':ref/supplier', 'routes/orders/supplier.tsx'),
    route(':ref/term', 'routes/orders/term.tsx'),
    route(':ref/recipients', 'routes/orders/recipients.tsx'),
    route(':ref/recipients/upload', 'routes/orders/recipients-upload.tsx'),
    route(':ref/items', 'routes/orders/items.tsx'),
    route(':ref/items/:itemId/quantities', 'routes/orders/quantities.tsx'),
    route(':ref/funding', 'routes/orders/funding.tsx'),
    route(':ref/review', 'routes/orders/review.tsx'),
    route(':ref/return', 'routes/orders/return.tsx'),
  ]),
  ...prefix('contracts', [
    index('routes/contracts/list.tsx'),
    route(':id', 'routes/contracts/contract.tsx'),
    route(':id/terminate', 'routes/contracts/terminate.tsx'),
  ]),

  // Commissioner oversight: contract register and dashboards
  // (oversight routes)
  ...prefix('register', [index('routes/register/list.tsx'), route(':id', 'routes/register/contract.tsx')]),
  route('dashboard', 'routes/dashboard/dashboard.tsx'),

  // Notifications and alert preferences
  // (alerts routes)
  ...prefix('notifications', [
    index('routes/notifications/list.tsx'),
    route('preferences', 'routes/notifications/preferences.tsx'),
    route('unread-count', 'routes/notifications/unread-count.tsx'),
  ]),

  // Switch plans
  // (switching routes)
  ...prefix('switching', [
    index('routes/switching/list.tsx'),
    route('new', 'routes/switching/new.tsx'),
    route(':id', 'routes/switching/plan.tsx'),
  ]),

  // Competitions: choosing a supplier fairly from a shortlist, then awarding the winner an order
  ...prefix('competitions', [
    index('routes/competitions/list.tsx'),
    route('new', 'routes/competitions/new.tsx'),
    route(':id', 'routes/competitions/competition.tsx'),
    route(':id/name', 'routes/competitions/name.tsx'),
    route(':id/solutions', 'routes/competitions/solutions.tsx'),
    route(':id/recipients', 'routes/competitions/recipients.tsx'),
    route(':id/recipients/upload', 'routes/competitions/recipients-upload.tsx'),
    route(':id/term', 'routes/competitions/term.tsx'),
    route(':id/prices', 'routes/competitions/prices.tsx'),
    route(':id/criteria', 'routes/competitions/criteria.tsx'),
    route(':id/requirements', 'routes/competitions/requirements.tsx'),
    route(':id/scores', 'routes/competitions/scores.tsx'),
    route(':id/scores/:itemId', 'routes/competitions/score.tsx'),
    route(':id/review', 'routes/competitions/review.tsx'),
    route(':id/award', 'routes/competitions/award.tsx'),
    route(':id/direct-award', 'routes/competitions/direct-award.tsx'),
  ]),

  // Public reference data
  route('capabilities', 'routes/reference/capabilities.tsx'),
  route('standards', 'routes/reference/standards.tsx'),
  route('frameworks', 'routes/reference/frameworks.tsx'),

  // Development only (the API answers 404 in production)
  route('dev/mailbox', 'routes/dev/mailbox.tsx'),

  route('*', 'routes/not-found.tsx'),
] satisfies RouteConfig;
