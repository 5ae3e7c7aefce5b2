import type { components } from './api/schema';

export type Filters = Partial<components['schemas']['SearchFilters']>;
export type FacetKey = keyof components['schemas']['SearchFacets'];

/** The facet groups, in the order shown; the key is also the query parameter. */
export const FACETS: { key: FacetKey; legend: string }[] = [
  { key: 'capability', legend: 'Capability' },
  { key: 'hostingType', legend: 'Hosting type' },
  { key: 'applicationType', legend: 'Application type' },
  { key: 'integration', legend: 'Integration' },
  { key: 'framework', legend: 'Framework' },
  { key: 'accreditation', legend: 'Accreditation status' },
  { key: 'supplier', legend: 'Supplier' },
  { key: 'epic', legend: 'Epic' },
];

export const SORTS = [
  { value: 'relevance', label: 'Best match' },
  { value: 'name', label: 'Name (A to Z)' },
  { value: '-published', label: 'Recently published' },
] as const;
export type Sort = (typeof SORTS)[number]['value'];

const ACCREDITATION = ['accredited', 'conditional', 'lapsed', 'failed'] as const;
type Accreditation = (typeof ACCREDITATION)[number];

/** `?capability=C1&capability=C5` and `?capability=C1,C5` mean the same, as in the API. */
export function listParam(params: URLSearchParams | FormData, key: string): string[] {
  return params
    .getAll(key)
    .filter((v): v is string => typeof v === 'string')
    .flatMap((v) => v.split(','))
    .map((v) => v.trim())
    .filter(Boolean);
}

/** The search state in a query string (or a posted form), as the API's filters. */
export function filtersFrom(params: URLSearchParams | FormData): Omit<Filters, 'type'> & { sort: Sort } {
  const q = params.get('q');
  const sortParam = params.get('sort');
  const sort: Sort = SORTS.some((s) => s.value === sortParam) ? (sortParam as Sort) : 'relevance';
  const filters: Omit<Filters, 'type'> & { sort: Sort } = { sort };
  if (typeof q === 'string' && q.trim()) filters.q = q.trim();
  for (const { key } of FACETS) {
    const values = listParam(params, key);
    if (!values.length) continue;
    if (key === 'accreditation') {
      const valid = values.filter((a): a is Accreditation => (ACCREDITATION as readonly string[]).includes(a));
      if (valid.length) filters.accreditation = valid;
    } else {
      filters[key] = values;
    }
  }
  return filters;
}

/** Saved filters back as a /solutions address. */
export function searchHref(filters: Filters): string {
  const params = new URLSearchParams();
  if (filters.q) params.set('q', filters.q);
  for (const { key } of FACETS) for (const v of filters[key] ?? []) params.append(key, v);
  if (filters.sort && filters.sort !== 'relevance') params.set('sort', filters.sort);
  const qs = params.toString();
  return qs ? `/solutions?${qs}` : '/solutions';
}

/** Saved filters in words, e.g. [["Capability", "C5, C10"]]. */
export function describeFilters(filters: Filters): [string, string][] {
  const out: [string, string][] = [];
  if (filters.q) out.push(['Search words', filters.q]);
  for (const { key, legend } of FACETS) if (filters[key]?.length) out.push([legend, filters[key]!.join(', ')]);
  if (filters.sort && filters.sort !== 'relevance') out.push(['Sort', SORTS.find((s) => s.value === filters.sort)?.label ?? filters.sort]);
  return out;
}
