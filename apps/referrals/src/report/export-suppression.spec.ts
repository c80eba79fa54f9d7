import { exportedCount, exportedDays, exportedRate } from './export-suppression';

describe('a count as exported', () => {
  it.each([
    [0, '0'],
    [1, '<5'],
    [4, '<5'],
    [5, '5'],
    [7, '5'],
    [8, '10'],
    [10, '10'],
    [12, '10'],
    [13, '15'],
    [1002, '1000'],
    [1003, '1005'],
  ])('%i is %s', (n, exported) => {
    expect(exportedCount(n)).toBe(exported);
  });

  it('no longer gives a small part away by difference: 3 cancelled of 12, 9 attended, is 10 less 10', () => {
    expect([exportedCount(12), exportedCount(9), exportedCount(3)]).toEqual(['10', '10', '<5']);
  });
});

describe('a rate as exported', () => {
  it('is empty when there is nothing to be a rate of', () => {
    expect(exportedRate(0, 0)).toBe('');
  });

  it.each([
    [1, 8],
    [4, 10],
    [0, 3],
    [3, 3],
  ])('%i of %i is suppressed: a numerator or denominator of 1 to 4', (numerator, denominator) => {
    expect(exportedRate(numerator, denominator)).toBe('suppressed');
  });

  it.each([
    [0, 5, '0'],
    [6, 6, '1'],
    [40, 53, '0.73'], // 40 of 55
    [10, 53, '0.18'], // 10 of 55
    [7, 9, '0.5'], // 5 of 10
    [8, 9, '1'], // 10 of 10
    [5, 7, '1'], // 5 of 5
  ])('%i of %i is %s, to 2 decimals of the counts as exported (rounded to 5)', (n, d, exported) => {
    expect(exportedRate(n, d)).toBe(exported);
  });

  it('gives away nothing that the rounded counts beside it do not: 40 and 10 of 51 to 57 read alike', () => {
    // Of 53 known outcomes with 3 cancelled late, exact rates (0.75, 0.19) would fit only 52 or 53.
    expect(new Set([53, 54, 55, 56, 57].map((known) => exportedRate(40, known)))).toEqual(new Set(['0.73']));
    expect(new Set([53, 54, 55, 56, 57].map((known) => exportedRate(10, known)))).toEqual(new Set(['0.18']));
  });

  it.each([
    [5, 40, '0.13'], // 0.125
    [35, 40, '0.88'], // 0.875
    [145, 1000, '0.15'], // 0.145, which as a float is just under
    [287, 1000, '0.29'], // 285 of 1000: 0.285, likewise
    [10, 2000, '0.01'], // 0.005
  ])('%i of %i is %s: a half rounds up', (n, d, exported) => {
    expect(exportedRate(n, d)).toBe(exported);
  });
});

describe('a wait as exported', () => {
  it('is empty when there is no wait', () => {
    expect(exportedDays(null, 0)).toBe('');
  });

  it.each([1, 4])('is suppressed when of %i referrals', (count) => {
    expect(exportedDays(12.3, count)).toBe('suppressed');
  });

  it.each([
    [12.2, '12'],
    [2.5, '3'],
    [3.5, '4'],
    [0.4, '0'],
    [2.46, '2'],
    [30, '30'],
  ])('of 5 referrals or more, %s days is %s whole days, halves up', (days, exported) => {
    expect(exportedDays(days, 5)).toBe(exported);
  });
});
