// The authorisation matrix's one table: for every operation of docs/openapi.json (keyed by
// operationId), what each role meets acting on its own organisation's resources and on another
// organisation's. A single outcome applies to both; [own, other] when they differ. Operations
// without a path parameter have no "other" resource, so both cases are the same request.
// Outcomes are defined in ./outcomes.ts; writes are 'allowed' when they get past authorisation
// (the matrix sends minimal bodies, so validation or state may refuse them after that).
// Adding an endpoint: regenerate docs/openapi.json (npm run openapi), add its row here, and if it has
// a new path parameter, say in matrix.ts which fixture fills it. See docs/reliability.md.
import type { Expectation } from './outcomes';

export const EXPECTATIONS: Record<string, Expectation> = {

  // ---- Health
  // GET /api/health
  Health_health: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/ready
  Health_ready: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'liveness and readiness probes are public' },

  // ---- Mailbox
  // GET /api/dev/mailbox
  Mailbox_list: {
    anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok',
    leakExempt: 'the development mailbox (every email the outbox wrote); it answers 404 in production',
  },

  // ---- Organisations
  // GET /api/organisations
  Organisations_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok',
    why: 'the organisation directory is for commissioners (their area) and the operator' },
  // GET /api/organisations/{code}
  Organisations_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'a member sees their own organisation; other organisations are hidden (404), the operator sees all' },

  // ---- Auth
  // POST /api/auth/sign-in
  Auth_signIn: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true,
    why: 'public; the empty body is refused by validation' },
  // GET /api/auth/session
  Auth_session: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok',
    why: 'every signed-in user has a session; there is no other organisation’s session to ask for' },
  // POST /api/auth/sign-out
  Auth_signOut: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed',
    why: 'run last, each case on a throwaway session' },
  // PUT /api/auth/session/membership
  Auth_switchMembership: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed',
    why: 'acts on the caller’s own memberships only; the empty body is refused by validation' },
  // POST /api/auth/password-reset
  Auth_requestReset: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // POST /api/auth/password-reset/confirm
  Auth_confirmReset: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },

  // ---- Invitations
  // GET /api/invitations/{token}
  Invitations_preview: { anonymous: 'not-found', practiceManager: 'not-found', commissioner: 'not-found', vendor: 'not-found', operator: 'not-found', public: true,
    why: 'public by token; the matrix uses an unknown token' },
  // POST /api/invitations/accept
  Invitations_accept: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },

  // ---- Members
  // GET /api/organisations/{code}/members
  Members_members: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'organisation admins see their own organisation’s members; another organisation is hidden (404); the operator manages all' },
  // PATCH /api/organisations/{code}/members/{userId}
  Members_updateMember: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed',
    why: 'as members list' },
  // GET /api/organisations/{code}/invitations
  Members_pending: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'as members list' },
  // POST /api/organisations/{code}/invitations
  Members_invite: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed',
    why: 'as members list' },

  // ---- Audit
  // GET /api/audit-events
  Audit_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok',
    why: 'operator only' },
  // GET /api/audit-events/actions
  Audit_actions: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok',
    why: 'operator only' },

  // ---- Reference
  // GET /api/capabilities
  Reference_listCapabilities: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/capabilities/{ref}
  Reference_getCapability: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/capability-categories
  Reference_listCapabilityCategories: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/epics
  Reference_listEpics: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/standards
  Reference_listStandards: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/standards/{id}
  Reference_getStandard: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/frameworks
  Reference_listFrameworks: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/frameworks/{id}
  Reference_getFramework: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/integration-types
  Reference_listIntegrationTypes: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/application-types
  Reference_listApplicationTypes: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/hosting-types
  Reference_listHostingTypes: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Suppliers
  // GET /api/suppliers/{code}
  Suppliers_get: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'the public supplier profile' },

  // ---- Vendor
  // GET /api/vendor/supplier
  Vendor_supplier: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden' },
  // PUT /api/vendor/supplier
  Vendor_updateSupplier: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },
  // GET /api/vendor/items
  Vendor_items: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden' },
  // POST /api/vendor/items
  Vendor_create: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },
  // GET /api/vendor/items/{id}
  Vendor_item: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'forbidden',
    why: 'a vendor sees only its own supplier’s items; another supplier’s draft is hidden (404)' },
  // PUT /api/vendor/items/{id}/draft
  Vendor_saveDraft: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // POST /api/vendor/items/{id}/draft/withdraw
  Vendor_withdraw: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // GET /api/vendor/items/{id}/completeness
  Vendor_completeness: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'forbidden' },
  // POST /api/vendor/items/{id}/draft/submit
  Vendor_submit: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },

  // ---- Moderation
  // GET /api/moderation/queue
  Moderation_queue: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok' },
  // GET /api/moderation/versions/{versionId}
  Moderation_version: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok',
    why: 'operator only (the fixture is the live version of each side’s solution)' },
  // POST /api/moderation/versions/{versionId}/approve
  Moderation_approve: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // POST /api/moderation/versions/{versionId}/reject
  Moderation_reject: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // POST /api/moderation/items/{id}/publication
  Moderation_publication: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },

  // ---- Assessments
  // POST /api/assessments/rederive
  Assessments_rederive: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // GET /api/assessments/{itemId}
  Assessments_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'the vendor sees its own solutions’ assessments; the operator records them; buyers read conformance through the public catalogue' },
  // PUT /api/assessments/{itemId}/capabilities/{capabilityId}
  Assessments_recordCapability: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // PUT /api/assessments/{itemId}/epics/{epicId}
  Assessments_recordEpic: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // PUT /api/assessments/{itemId}/standards/{standardId}
  Assessments_recordStandard: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'not-found',
    why: 'operator only; the fixture standard does not apply to the solution (404)' },
  // DELETE /api/assessments/{itemId}/{subject}/{subjectId}
  Assessments_remove: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: ['not-found', 'allowed'],
    why: 'operator only; whether a result is recorded decides 204 or 404 (10052-002 has one for the first capability, 10000-001 none)' },

  // ---- VendorAssessments
  // GET /api/vendor/assessments
  VendorAssessments_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden' },

  // ---- Conformance
  // GET /api/catalogue/items/{itemId}/conformance
  Conformance_conformance: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'published conformance results are public' },

  // ---- Search
  // GET /api/catalogue/search
  Search_search: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/catalogue/suggest
  Search_suggest: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true,
    why: 'public; without a query it is refused by validation' },
  // GET /api/catalogue/compare
  Search_compare: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/catalogue/compare.csv
  Search_compareCsv: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/catalogue/items/{id}
  Search_item: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Shortlists
  // GET /api/shortlists
  Shortlists_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden',
    why: 'buyers only; a shortlist belongs to its organisation' },
  // POST /api/shortlists
  Shortlists_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/shortlists/{id}
  Shortlists_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/shortlists/{id}
  Shortlists_update: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // DELETE /api/shortlists/{id}
  Shortlists_remove: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/shortlists/{id}/results.csv
  Shortlists_csv: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },

  // ---- Estimate
  // GET /api/catalogue/items/{id}/estimate
  Estimate_estimate: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden',
    why: 'buyers only; the item is public, so "other" is the other side’s public item; a commissioner must name practices (400)' },

  // ---- Orders
  // GET /api/orders
  Orders_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok',
    why: 'buyers see their own and their area’s orders, vendors the orders they received, the operator all; the leak scan checks the lists' },
  // POST /api/orders
  Orders_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/approvals
  Orders_approvals: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden',
    why: 'commissioners approve centrally funded orders' },
  // GET /api/orders/supplier-options
  Orders_supplierOptions: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/{ref}
  Orders_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'not-found', operator: 'ok',
    why: 'a vendor sees an order only once completed (the fixture is a draft: 404)' },
  // DELETE /api/orders/{ref}
  Orders_remove: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/{ref}/summary.pdf
  Orders_summaryPdf: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'the completed order: the vendor who received it may read it' },
  // GET /api/orders/{ref}/catalogue
  Orders_orderable: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/description
  Orders_description: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/ordering-party
  Orders_orderingParty: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/supplier
  Orders_supplier: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/term
  Orders_term: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/recipients
  Orders_recipients: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/recipients/csv
  Orders_recipientsCsv: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/orders/{ref}/items
  Orders_addItem: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // DELETE /api/orders/{ref}/items/{itemId}
  Orders_removeItem: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/items/{itemId}/quantities
  Orders_quantities: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/orders/{ref}/items/{itemId}/funding
  Orders_funding: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/orders/{ref}/complete
  Orders_complete: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/orders/{ref}/approve
  Orders_approve: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'commissioners only; nothing awaits approval (409); another area’s order is hidden' },
  // POST /api/orders/{ref}/return
  Orders_returnOrder: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'as approve' },
  // POST /api/orders/{ref}/amendments
  Orders_amend: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'only the ordering party amends; the commissioner is not the ordering party of a practice’s order (403)' },

  // ---- Contracts
  // GET /api/contracts
  Contracts_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // GET /api/contracts/{id}
  Contracts_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'buyers and their commissioners, and the contract’s supplier' },
  // POST /api/contracts/{id}/terminate
  Contracts_terminate: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'only the ordering party terminates (the practice’s contract: the commissioner gets 403)' },

  // ---- Ocds
  // GET /api/ocds/releases
  Ocds_bulk: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true,
    why: 'open data; without parameters it is refused by validation' },
  // GET /api/ocds/releases/{ocid}
  Ocds_releases: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'open data: a contract’s releases are published, including the buyer' },
  // GET /api/ocds/records/{ocid}
  Ocds_record: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'open data' },

  // ---- Register
  // GET /api/register/contracts
  Register_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok',
    why: 'the contract register is for commissioners (their area) and the operator' },
  // GET /api/register/contracts.csv
  Register_csv: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok' },
  // GET /api/register/contracts/{id}
  Register_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'ok',
    why: 'another area’s contract is hidden (404)' },

  // ---- Dashboard
  // GET /api/dashboard
  Dashboard_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'allowed',
    why: 'commissioners see their area; the operator must name an area (400)' },

  // ---- Alerts
  // GET /api/notifications
  Alerts_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok',
    why: 'notifications are per user' },
  // GET /api/notifications/unread-count
  Alerts_unreadCount: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // POST /api/notifications/read-all
  Alerts_readAll: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // POST /api/notifications/{id}/read
  Alerts_read: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed',
    why: 'another user’s notification is hidden (404)' },
  // GET /api/notification-preferences
  Alerts_preferences: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // PUT /api/notification-preferences
  Alerts_updatePreferences: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // POST /api/notifications/run
  Alerts_run: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed',
    why: 'operator only' },

  // ---- Switching
  // GET /api/switch-plans
  Switching_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'ok',
    why: 'practices plan switches, commissioners see their area’s plans, the operator all' },
  // POST /api/switch-plans
  Switching_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden',
    why: 'practice managers only' },
  // GET /api/switch-plans/options
  Switching_options: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/switch-plans/{id}
  Switching_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'ok',
    why: 'another practice’s or area’s plan is hidden (404)' },
  // PUT /api/switch-plans/{id}/steps
  Switching_steps: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/switch-plans/{id}/order
  Switching_startOrder: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/switch-plans/{id}/terminate-current
  Switching_terminate: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },

  // ---- Payouts
  // GET /api/vendor/payouts
  Payouts_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden',
    why: 'vendors only: their supplier’s payout account' },
  // POST /api/vendor/payouts/onboarding
  Payouts_onboarding: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },
  // POST /api/vendor/payouts/dashboard
  Payouts_dashboard: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },

  // ---- OrderPayments
  // GET /api/orders/{ref}/payments
  OrderPayments_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
  // POST /api/orders/{ref}/payments/checkout
  OrderPayments_checkout: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'only the ordering party pays (the commissioner of the practice’s area gets 403); the supplier has no payouts yet (409)' },

  // ---- ContractPayments
  // GET /api/contracts/{id}/payments
  ContractPayments_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },

  // ---- Webhooks
  // POST /api/payments/webhook
  Webhooks_receive: { anonymous: 'invalid', practiceManager: 'invalid', commissioner: 'invalid', vendor: 'invalid', operator: 'invalid', public: true,
    why: 'Stripe calls it; a session is no credential, only a valid Stripe-Signature is (400 bad-signature)' },

  // ---- Competitions
  // GET /api/competitions
  Competitions_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden',
    why: 'buyers only; a competition belongs to its organisation' },
  // POST /api/competitions
  Competitions_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/options
  Competitions_options: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/{id}
  Competitions_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // DELETE /api/competitions/{id}
  Competitions_remove: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/{id}/results.pdf
  Competitions_resultsPdf: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden',
    why: 'results exist once completed (409 for the fixture)' },
  // PUT /api/competitions/{id}/name
  Competitions_rename: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/solutions
  Competitions_solutions: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/recipients
  Competitions_recipients: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/competitions/{id}/recipients/csv
  Competitions_recipientsCsv: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/term
  Competitions_term: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/prices
  Competitions_prices: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/criteria
  Competitions_criteria: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/requirements
  Competitions_requirements: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // PUT /api/competitions/{id}/scores/{itemId}
  Competitions_scores: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/competitions/{id}/complete
  Competitions_complete: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/competitions/{id}/direct-award
  Competitions_directAward: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/competitions/{id}/award
  Competitions_award: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },

  // ---- Onboarding (suppliers register, apply to framework rounds, sign the agreement)
  // POST /api/onboarding/registrations
  Registrations_register: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true,
    why: 'public self-registration; the empty body is refused by validation' },
  // POST /api/onboarding/registrations/verify
  Registrations_verify: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true,
    why: 'public by emailed token; the empty body is refused by validation' },
  // GET /api/onboarding/suppliers
  OnboardedSuppliers_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok',
    why: 'the operator manages registrations and duplicates' },
  // POST /api/onboarding/suppliers/{code}/suspend
  OnboardedSuppliers_suspend: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed',
    why: 'operator only; the fixture is a throwaway supplier' },
  // POST /api/onboarding/suppliers/{code}/merge
  OnboardedSuppliers_merge: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed',
    why: 'operator only; the example target does not exist (400)' },
  // GET /api/onboarding/frameworks
  FrameworkRounds_list: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'framework rounds are public, so companies can see what is open before registering' },
  // POST /api/onboarding/frameworks
  FrameworkRounds_create: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // GET /api/onboarding/frameworks/{id}
  FrameworkRounds_get: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true,
    why: 'the round, its declaration and agreement are public documents' },
  // POST /api/onboarding/frameworks/{id}/transition
  FrameworkRounds_transition: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed',
    why: 'operator only; run against an expired imported framework (409), so the demo round does not move' },
  // POST /api/onboarding/frameworks/{id}/interest
  FrameworkRounds_interest: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden',
    why: 'suppliers register their own interest; the round is not any organisation’s' },
  // POST /api/onboarding/frameworks/{id}/applications
  FrameworkRounds_apply: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden',
    why: 'a supplier starts (or gets back) its own application' },
  // GET /api/onboarding/frameworks/{id}/clarifications
  FrameworkRounds_clarifications: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'ok',
    why: 'a supplier sees published answers and its own questions, never another supplier’s unpublished question (leak-scanned)' },
  // POST /api/onboarding/frameworks/{id}/clarifications
  FrameworkRounds_ask: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },
  // GET /api/onboarding/frameworks/{id}/applications.csv
  FrameworkRounds_applicationsCsv: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok' },
  // GET /api/onboarding/frameworks/{id}/results.csv
  FrameworkRounds_resultsCsv: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok' },
  // POST /api/onboarding/clarifications/{id}/answer
  Clarifications_answer: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // GET /api/onboarding/applications
  Applications_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'ok',
    why: 'a supplier lists its own applications (leak-scanned); the operator all' },
  // GET /api/onboarding/applications/{id}
  Applications_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'ok',
    why: 'another supplier’s application is hidden (404)' },
  // PUT /api/onboarding/applications/{id}/sections/{sectionId}
  Applications_saveSection: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // POST /api/onboarding/applications/{id}/copy-previous
  Applications_copyPrevious: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // PUT /api/onboarding/applications/{id}/solutions
  Applications_solutions: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // POST /api/onboarding/applications/{id}/submit
  Applications_submit: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // PUT /api/onboarding/applications/{id}/marks/{questionId}
  Applications_review: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed',
    why: 'the operator reviews discretionary answers (409 while the round is open)' },
  // POST /api/onboarding/applications/{id}/agreement
  Applications_sign: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['allowed', 'not-found'], operator: 'forbidden' },
  // POST /api/onboarding/applications/{id}/agreement/countersign
  Applications_countersign: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
};
