import { WITHHELD_LOCATION } from './default-templates';
import { whereWithoutConsent } from './where-without-consent';

describe('{where} for a client who did not agree to naming the service', () => {
  it("says the organisation's location text for the provider, whatever was booked", () => {
    expect(whereWithoutConsent('Level 2, Lower Road', 'Bluebell Ward, St Elsewhere Hospital')).toEqual({
      where: 'Level 2, Lower Road',
      withheldBecause: null,
    });
  });

  it('says the booked location when there is no text and it is plainly safe', () => {
    expect(whereWithoutConsent(null, 'Hillside Surgery, 4 Mill Lane')).toEqual({
      where: 'Hillside Surgery, 4 Mill Lane',
      withheldBecause: null,
    });
  });

  it('says the address they were given instead of a department or a word that names the service', () => {
    expect(whereWithoutConsent(null, 'Renal Unit, Level 3')).toEqual({
      where: WITHHELD_LOCATION,
      withheldBecause: expect.stringMatching(/^"Unit" reads like a hospital department/),
    });
    expect(whereWithoutConsent(null, 'Riverside Recovery Centre')).toEqual({
      where: WITHHELD_LOCATION,
      withheldBecause: expect.stringMatching(/^"Recovery" names the service/),
    });
  });

  it('withholds a saved text that the word list now catches, rather than trust the booked location', () => {
    expect(whereWithoutConsent('The Lung Centre', 'Outpatients B, St Elsewhere Hospital')).toEqual({
      where: WITHHELD_LOCATION,
      withheldBecause: expect.stringMatching(/^"Lung" names a condition/),
    });
  });
});
