import { attachment, csvCell, toCsv } from './csv';
import { formatPounds, formatPrice } from './price-display';

describe('CSV', () => {
  it('quotes per RFC 4180', () => {
    expect(toCsv([['a', 'b,c', 'say "hi"', 'two\nlines', null, 3]])).toBe('a,"b,c","say ""hi""","two\nlines",,3\r\n');
  });

  it('neutralises spreadsheet formulas', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('+1')).toBe("'+1");
    expect(csvCell('-2')).toBe("'-2");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('plain')).toBe('plain');
  });

  it('makes a safe attachment name', () => {
    expect(attachment('My list / "2026"')).toBe('attachment; filename="My-list-2026.csv"');
  });
});

describe('price display', () => {
  it('formats hundredths of a penny as pounds', () => {
    expect(formatPounds(12600)).toBe('£1.26');
    expect(formatPounds(170)).toBe('£0.017');
    expect(formatPounds(123456789)).toBe('£12,345.6789');
    expect(formatPounds(10000)).toBe('£1.00');
  });

  it('says what a price is for', () => {
    expect(formatPrice({ unit: 'per patient', billingPeriod: 'year', tiers: [{ from: 1, to: null, priceHundredthsOfPenny: 12600 }] })).toBe('£1.26 per patient per year');
    expect(
      formatPrice({
        unit: 'practice',
        billingPeriod: 'month',
        tiers: [
          { from: 1, to: 999, priceHundredthsOfPenny: 500000 },
          { from: 1000, to: null, priceHundredthsOfPenny: 400000 },
        ],
      }),
    ).toBe('1 to 999: £50.00 per practice per month; 1,000 and over: £40.00 per practice per month');
  });
});
