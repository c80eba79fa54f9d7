import { safeBookedLocation, whyBookedLocationIsWithheld } from './safe-booked-location';

describe('which booked locations a client who did not agree to naming the service may be told', () => {
  it.each([
    'Outpatients B, St Elsewhere Hospital',
    'Hillside Surgery, 4 Mill Lane',
    'Unit 4, Mill Lane Trading Estate',
    'Units 3-5 Quayside',
    'Level 2, Northgate Health Centre',
    '12 Wardour Street',
    'Community Hall, Edward Road',
    'WEST END CENTRE',
  ])('tells "%s" as booked', (location) => {
    expect(safeBookedLocation(location)).toBe(location);
    expect(whyBookedLocationIsWithheld(location)).toBeNull();
  });

  it.each([
    ['Bluebell Ward, St Elsewhere Hospital', 'Ward'],
    ['Ward 12, St Elsewhere Hospital', 'Ward'],
    ['Renal Unit, Level 3', 'Unit'],
    ['Cardiology Clinic, Outpatients', 'Clinic'],
    ['Northgate clinic', 'clinic'],
    ['Department of Haematology', 'Department'],
    ['Haematology Dept., Lower Road', 'Dept'],
    ['Unit 4 Oncology Unit', 'Unit'],
  ])('withholds "%s", which reads like a hospital department ("%s")', (location, cue) => {
    expect(safeBookedLocation(location)).toBeNull();
    expect(whyBookedLocationIsWithheld(location)).toBe(
      `"${cue}" reads like a hospital department, whose name can tell whoever else reads the ` +
        "client's phone what the appointment is for. Set a plain location text for the provider",
    );
  });

  it('withholds a location the location lint refuses, with its reason', () => {
    expect(safeBookedLocation('Riverside Recovery Centre, Mill Lane')).toBeNull();
    expect(whyBookedLocationIsWithheld('Riverside Recovery Centre, Mill Lane')).toMatch(
      /^"Recovery" names the service/,
    );
    expect(whyBookedLocationIsWithheld('Mill Lane, reply STOP for no texts')).toMatch(/carrier opt-out word/);
  });

  it('withholds an empty location', () => {
    expect(safeBookedLocation('  ')).toBeNull();
    expect(whyBookedLocationIsWithheld('  ')).toBe('The appointment has no location');
  });
});
