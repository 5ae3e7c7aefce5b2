import { companyNumberProblem, normaliseCompanyNumber } from './companies-house';

describe('Companies House numbers', () => {
  it.each([
    ['01234567', '01234567'],
    [' sc 123456 ', 'SC123456'],
    ['ni012345', 'NI012345'],
    ['oc301234', 'OC301234'],
    ['R0123456', 'R0123456'],
    ['1234567', '01234567'],
  ])('accepts %j as %s', (input, normalised) => {
    expect(normaliseCompanyNumber(input)).toBe(normalised);
    expect(companyNumberProblem(normaliseCompanyNumber(input))).toBeNull();
  });

  it.each(['ZZ123456', 'SC12345', 'SC1234567', '0123456789', 'AB-12345', '', 'S0123456'])('refuses %j with a message for the field', (input) => {
    expect(companyNumberProblem(normaliseCompanyNumber(input))).toMatch(/Companies House number/);
  });
});
