import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';

export interface Vocabulary {
  capabilityByRef: Map<string, { id: number; ref: string; name: string }>;
  capabilityById: Map<number, { id: number; ref: string; name: string }>;
  epics: Map<string, string>;
  frameworks: Map<string, string>;
  /** "IM1: Bulk" → its label. */
  integrations: Map<string, string>;
  applicationTypes: Map<string, string>;
  hostingTypes: Map<string, string>;
}

export const ACCREDITATION_LABELS: Record<string, string> = {
  accredited: 'Accredited',
  conditional: 'Conditional',
  lapsed: 'Lapsed',
  failed: 'Failed',
};

const TTL_MS = 60_000;

/**
 * The reference vocabularies search needs for validating filters and labelling facets. Small and
 * rarely changed (reference imports), so kept in memory for a minute rather than joined per query.
 */
@Injectable()
export class VocabularyService {
  private cached: { at: number; value: Promise<Vocabulary> } | null = null;

  constructor(private readonly db: DataSource) {}

  get(): Promise<Vocabulary> {
    if (!this.cached || Date.now() - this.cached.at > TTL_MS) {
      const value = this.load();
      this.cached = { at: Date.now(), value };
      value.catch(() => (this.cached = null));
    }
    return this.cached.value;
  }

  private async load(): Promise<Vocabulary> {
    const [caps, epics, frameworks, integrations, apps, hosting] = await Promise.all([
      this.db.query(`SELECT id, ref, name FROM capabilities`),
      this.db.query(`SELECT id, name FROM epics`),
      this.db.query(`SELECT id, name FROM frameworks`),
      this.db.query(`SELECT integration || ': ' || name AS key FROM integration_types`),
      this.db.query(`SELECT key, name FROM application_types`),
      this.db.query(`SELECT key, name FROM hosting_types`),
    ]);
    return {
      capabilityByRef: new Map(caps.map((c: { id: number; ref: string; name: string }) => [c.ref.toUpperCase(), c])),
      capabilityById: new Map(caps.map((c: { id: number; ref: string; name: string }) => [c.id, c])),
      epics: new Map(epics.map((e: { id: string; name: string }) => [e.id, e.name])),
      frameworks: new Map(frameworks.map((f: { id: string; name: string }) => [f.id, f.name])),
      integrations: new Map(integrations.map((i: { key: string }) => [i.key, i.key])),
      applicationTypes: new Map(apps.map((a: { key: string; name: string }) => [a.key, a.name])),
      hostingTypes: new Map(hosting.map((h: { key: string; name: string }) => [h.key, h.name])),
    };
  }
}
