import type { components } from '~/lib/api/schema';
import type { ListingContent } from '~/lib/catalogue';
import type { FieldErrors } from '~/lib/forms';

type Integration = ListingContent['integrations'][number];
type IntegrationType = components['schemas']['IntegrationType'];

/** The fields of the "Change integration" form, named as posted. */
export const EDIT_FIELDS = ['edit.type', 'edit.role', 'edit.integratesWith', 'edit.description'] as const;

/** An integration as one select value: `IM1|Bulk`. */
export function integrationKey(x: { integration: string; type?: string; name?: string }): string {
  return `${x.integration}|${x.type ?? x.name ?? ''}`;
}

/** How an integration reads in a list: "IM1: Bulk (provider), with EMIS Web". */
export function describeIntegration(x: Integration): string {
  return `${x.integration}: ${x.type}${x.role ? ` (${x.role})` : ''}${x.integratesWith ? `, with ${x.integratesWith}` : ''}`;
}

/** `?edit=2` as the index of an integration the listing has, or null. */
export function editIndex(value: string | null, integrations: Integration[]): number | null {
  if (value === null || !/^\d{1,3}$/.test(value)) return null;
  const i = Number(value);
  return i < integrations.length ? i : null;
}

/** The form's values for an integration (to fill the form in). */
export function integrationToValues(x: Integration): Record<string, string> {
  return {
    'edit.type': integrationKey(x),
    'edit.role': x.role ?? '',
    'edit.integratesWith': x.integratesWith ?? '',
    'edit.description': x.description ?? '',
  };
}

function text(formData: FormData, name: string): string {
  const v = formData.get(name);
  return typeof v === 'string' ? v : '';
}

/** The changed integration as posted, or what is wrong with it, field by field (the API checks again). */
export function integrationFromForm(
  formData: FormData,
  types: IntegrationType[],
): { integration: Integration | null; errors: FieldErrors; values: Record<string, string> } {
  const values = Object.fromEntries(EDIT_FIELDS.map((f) => [f, text(formData, f)]));
  const errors: FieldErrors = {};
  const key = values['edit.type'].trim();
  const type = types.find((t) => integrationKey(t) === key);
  if (!key) errors['edit.type'] = 'Select the integration';
  else if (!type) errors['edit.type'] = 'Select an integration from the list';
  const role = values['edit.role'].trim();
  if (role && role !== 'provider' && role !== 'consumer') errors['edit.role'] = 'Select provider, consumer or not applicable';
  const integratesWith = values['edit.integratesWith'].trim();
  if (integratesWith.length > 200) errors['edit.integratesWith'] = 'System it integrates with must be 200 characters or fewer';
  const description = values['edit.description'].trim();
  if (description.length > 1000) errors['edit.description'] = 'Description must be 1,000 characters or fewer';
  if (Object.keys(errors).length || !type) return { integration: null, errors, values };
  return {
    integration: {
      integration: type.integration as Integration['integration'],
      type: type.name,
      role: (role || undefined) as Integration['role'],
      integratesWith: integratesWith || undefined,
      description: description || undefined,
    },
    errors,
    values,
  };
}

/** An API field of the integration being changed (`integrations[2].description`) as the form's field, or null. */
export function editFieldOf(apiField: string, index: number): string | null {
  const prefix = `integrations[${index}]`;
  if (!apiField.startsWith(prefix)) return null;
  const rest = apiField.slice(prefix.length);
  if (rest === '.integration' || rest === '.type') return 'edit.type';
  const field = EDIT_FIELDS.find((f) => rest === f.slice('edit'.length));
  return field ?? null;
}
