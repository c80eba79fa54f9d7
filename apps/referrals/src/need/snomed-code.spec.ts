import { snomedCodeProblem, verhoeffValid } from './snomed-code';

describe('SNOMED CT identifiers', () => {
  it.each([
    ['13645005', 'chronic obstructive lung disease'],
    ['50711007', 'viral hepatitis C'],
    ['66071002', 'viral hepatitis B'],
    ['86406008', 'HIV infection'],
    ['128053003', 'deep venous thrombosis'],
    ['22298006', 'myocardial infarction'],
    ['900000000000207008', 'an 18-digit SCTID'],
    ['100005', 'the shortest SCTID'],
  ])('accepts %s (%s)', (code) => {
    expect(snomedCodeProblem(code)).toBeUndefined();
  });

  it.each([
    ['13645006', 'CHECK_DIGIT'],
    ['50711017', 'CHECK_DIGIT'],
    ['86406080', 'CHECK_DIGIT'],
    ['12345', 'FORMAT'],
    ['1234567890123456789', 'FORMAT'],
    ['013645005', 'FORMAT'],
    ['13645 005', 'FORMAT'],
    ['J44.9', 'FORMAT'],
    ['', 'FORMAT'],
  ])('refuses %s (%s)', (code, problem) => {
    expect(snomedCodeProblem(code)).toBe(problem);
  });

  it("implements Verhoeff's check (published example 2363 has check digit 3)", () => {
    expect(verhoeffValid('2363')).toBe(true);
    expect(verhoeffValid('2364')).toBe(false);
    // Catches every adjacent transposition, which a modulus check would miss.
    expect(verhoeffValid('13645005')).toBe(true);
    expect(verhoeffValid('16345005')).toBe(false);
  });
});
