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
  Health_ready: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Mailbox
  // GET /api/dev/mailbox
  Mailbox_list: {
    anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok',
    leakExempt: 'the development mailbox (every email the outbox wrote); it answers 404 in production',
  },

  // ---- Organisations
  // GET /api/organisations
  Organisations_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok' },
  // GET /api/organisations/{code}
  Organisations_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },

  // ---- Auth
  // POST /api/auth/sign-in
  Auth_signIn: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/auth/session
  Auth_session: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // POST /api/auth/sign-out
  Auth_signOut: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // PUT /api/auth/session/membership
  Auth_switchMembership: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // POST /api/auth/password-reset
  Auth_requestReset: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // POST /api/auth/password-reset/confirm
  Auth_confirmReset: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },

  // ---- Invitations
  // GET /api/invitations/{token}
  Invitations_preview: { anonymous: 'not-found', practiceManager: 'not-found', commissioner: 'not-found', vendor: 'not-found', operator: 'not-found', public: true },
  // POST /api/invitations/accept
  Invitations_accept: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },

  // ---- Members
  // GET /api/organisations/{code}/members
  Members_members: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
  // PATCH /api/organisations/{code}/members/{userId}
  Members_updateMember: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed' },
  // GET /api/organisations/{code}/invitations
  Members_pending: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
  // POST /api/organisations/{code}/invitations
  Members_invite: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed' },

  // ---- Audit
  // GET /api/audit-events
  Audit_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok' },
  // GET /api/audit-events/actions
  Audit_actions: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'ok' },

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
  Suppliers_get: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

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
  Vendor_item: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'forbidden' },
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
  Moderation_version: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'not-found' },
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
  Assessments_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: ['ok', 'not-found'], operator: 'ok' },
  // PUT /api/assessments/{itemId}/capabilities/{capabilityId}
  Assessments_recordCapability: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // PUT /api/assessments/{itemId}/epics/{epicId}
  Assessments_recordEpic: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },
  // PUT /api/assessments/{itemId}/standards/{standardId}
  Assessments_recordStandard: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'not-found' },
  // DELETE /api/assessments/{itemId}/{subject}/{subjectId}
  Assessments_remove: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: ['not-found', 'allowed'] },

  // ---- VendorAssessments
  // GET /api/vendor/assessments
  VendorAssessments_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden' },

  // ---- Conformance
  // GET /api/catalogue/items/{itemId}/conformance
  Conformance_conformance: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Search
  // GET /api/catalogue/search
  Search_search: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/catalogue/suggest
  Search_suggest: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/catalogue/compare
  Search_compare: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/catalogue/compare.csv
  Search_compareCsv: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/catalogue/items/{id}
  Search_item: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Shortlists
  // GET /api/shortlists
  Shortlists_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
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
  Estimate_estimate: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },

  // ---- Orders
  // GET /api/orders
  Orders_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // POST /api/orders
  Orders_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/approvals
  Orders_approvals: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/supplier-options
  Orders_supplierOptions: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/{ref}
  Orders_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'not-found', operator: 'ok' },
  // DELETE /api/orders/{ref}
  Orders_remove: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/orders/{ref}/summary.pdf
  Orders_summaryPdf: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
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
  Orders_approve: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/orders/{ref}/return
  Orders_returnOrder: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/orders/{ref}/amendments
  Orders_amend: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },

  // ---- Contracts
  // GET /api/contracts
  Contracts_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // GET /api/contracts/{id}
  Contracts_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
  // POST /api/contracts/{id}/terminate
  Contracts_terminate: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['forbidden', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },

  // ---- Ocds
  // GET /api/ocds/releases
  Ocds_bulk: { anonymous: 'allowed', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed', public: true },
  // GET /api/ocds/releases/{ocid}
  Ocds_releases: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },
  // GET /api/ocds/records/{ocid}
  Ocds_record: { anonymous: 'ok', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok', public: true },

  // ---- Register
  // GET /api/register/contracts
  Register_list: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok' },
  // GET /api/register/contracts.csv
  Register_csv: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'ok' },
  // GET /api/register/contracts/{id}
  Register_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'ok' },

  // ---- Dashboard
  // GET /api/dashboard
  Dashboard_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'ok', vendor: 'forbidden', operator: 'allowed' },

  // ---- Alerts
  // GET /api/notifications
  Alerts_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // GET /api/notifications/unread-count
  Alerts_unreadCount: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // POST /api/notifications/read-all
  Alerts_readAll: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // POST /api/notifications/{id}/read
  Alerts_read: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: ['allowed', 'not-found'], operator: 'allowed' },
  // GET /api/notification-preferences
  Alerts_preferences: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'ok', operator: 'ok' },
  // PUT /api/notification-preferences
  Alerts_updatePreferences: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'allowed', operator: 'allowed' },
  // POST /api/notifications/run
  Alerts_run: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'forbidden', operator: 'allowed' },

  // ---- Switching
  // GET /api/switch-plans
  Switching_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'ok' },
  // POST /api/switch-plans
  Switching_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/switch-plans/options
  Switching_options: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/switch-plans/{id}
  Switching_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'ok' },
  // PUT /api/switch-plans/{id}/steps
  Switching_steps: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/switch-plans/{id}/order
  Switching_startOrder: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/switch-plans/{id}/terminate-current
  Switching_terminate: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: 'forbidden', vendor: 'forbidden', operator: 'forbidden' },

  // ---- Payouts
  // GET /api/vendor/payouts
  Payouts_get: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'ok', operator: 'forbidden' },
  // POST /api/vendor/payouts/onboarding
  Payouts_onboarding: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },
  // POST /api/vendor/payouts/dashboard
  Payouts_dashboard: { anonymous: 'unauthenticated', practiceManager: 'forbidden', commissioner: 'forbidden', vendor: 'allowed', operator: 'forbidden' },

  // ---- OrderPayments
  // GET /api/orders/{ref}/payments
  OrderPayments_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },
  // POST /api/orders/{ref}/payments/checkout
  OrderPayments_checkout: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },

  // ---- ContractPayments
  // GET /api/contracts/{id}/payments
  ContractPayments_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: ['ok', 'not-found'], operator: 'ok' },

  // ---- Webhooks
  // POST /api/payments/webhook
  Webhooks_receive: { anonymous: 'unavailable', practiceManager: 'unavailable', commissioner: 'unavailable', vendor: 'unavailable', operator: 'unavailable', public: true },

  // ---- Competitions
  // GET /api/competitions
  Competitions_list: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // POST /api/competitions
  Competitions_create: { anonymous: 'unauthenticated', practiceManager: 'allowed', commissioner: 'allowed', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/options
  Competitions_options: { anonymous: 'unauthenticated', practiceManager: 'ok', commissioner: 'ok', vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/{id}
  Competitions_get: { anonymous: 'unauthenticated', practiceManager: ['ok', 'not-found'], commissioner: ['ok', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // DELETE /api/competitions/{id}
  Competitions_remove: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
  // GET /api/competitions/{id}/results.pdf
  Competitions_resultsPdf: { anonymous: 'unauthenticated', practiceManager: ['allowed', 'not-found'], commissioner: ['allowed', 'not-found'], vendor: 'forbidden', operator: 'forbidden' },
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
};
