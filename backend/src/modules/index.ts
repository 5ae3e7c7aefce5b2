import { AssessmentsModule } from './assessments/assessments.module';
import { AuditEventsModule } from './audit/audit.module';
import { CatalogueModule } from './catalogue/catalogue.module';
import { IdentityModule } from './identity/identity.module';
import { MailModule } from './mail/mail.module';
import { AlertsModule } from './alerts/alerts.module';
import { OcdsModule } from './ocds/ocds.module';
import { OrderingModule } from './ordering/ordering.module';
import { OversightModule } from './oversight/oversight.module';
import { SwitchingModule } from './switching/switching.module';
import { PricingModule } from './pricing/pricing.module';
import { OrganisationsModule } from './organisations/organisations.module';
import { ReferenceModule } from './reference/reference.module';
import { SearchModule } from './search/search.module';
import { PaymentsModule } from './payments/payments.module';
import { CompetitionsModule } from './competitions/competitions.module';
import { OnboardingModule } from './onboarding/onboarding.module';

// Feature modules, one per domain area. Add new areas here.
export const featureModules = [MailModule, OrganisationsModule, IdentityModule, AuditEventsModule, ReferenceModule, CatalogueModule, AssessmentsModule, SearchModule, PricingModule, OrderingModule, OcdsModule, OversightModule, AlertsModule, SwitchingModule, PaymentsModule, CompetitionsModule, OnboardingModule];
