/**
 * Companies House company numbers: eight characters, either eight digits (England and Wales) or a
 * two-character prefix for the register or kind of company followed by six digits. Prefixes from
 * Companies House's "company number formats" guidance; a number is only format-checked here, not
 * looked up.
 */
export const COMPANY_NUMBER_PREFIXES = [
  'SC', 'NI', 'OC', 'SO', 'NC', 'LP', 'SL', 'NL', 'R0', 'FC', 'SF', 'NF', 'GE', 'GN', 'GS', 'IP', 'SP', 'NP', 'IC', 'SI', 'NV',
  'RC', 'SR', 'NR', 'NO', 'AC', 'SA', 'NA', 'ZC', 'SZ', 'NZ', 'CE', 'CS', 'PC', 'RS', 'SE', 'ES', 'SG',
] as const;

const PREFIXED = new RegExp(`^(${COMPANY_NUMBER_PREFIXES.join('|')})[0-9]{6}$`);

/** A valid, normalised number. */
export const COMPANY_NUMBER_PATTERN = new RegExp(`^([0-9]{8}|(${COMPANY_NUMBER_PREFIXES.join('|')})[0-9]{6})$`);

/** Upper case without spaces; a number of fewer than eight digits gets its leading zeros back. */
export function normaliseCompanyNumber(input: string): string {
  const s = input.replace(/\s+/g, '').toUpperCase();
  return /^[0-9]{1,7}$/.test(s) ? s.padStart(8, '0') : s;
}

/** Null when the (normalised) number has a valid format, else what is wrong, for the form field. */
export function companyNumberProblem(normalised: string): string | null {
  if (/^[0-9]{8}$/.test(normalised) || PREFIXED.test(normalised)) return null;
  if (normalised.length !== 8) return 'Enter a Companies House number of 8 characters, like 01234567 or SC123456';
  return 'Enter a Companies House number in the correct format: 8 digits, or a 2-letter prefix such as SC, NI or OC and 6 digits';
}
