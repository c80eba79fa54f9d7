import { findSensitiveWords } from './sensitive-words';

const terms = (text: string) => findSensitiveWords(text).map((m) => m.term);
const spans = (text: string) => findSensitiveWords(text).map((m) => text.slice(m.start, m.end));

describe('sensitive words', () => {
  it.each([
    ['Your drug service appointment', 'drug service'],
    ['Riverside Drug & Alcohol Team', 'drug and alcohol'],
    ['the drugs and alcohol team', 'drug and alcohol'],
    ['See the CDAS nurse', 'CDAS'],
    ['Methadone review', 'methadone'],
    ['buprenorphine', 'buprenorphine'],
    ['Opiate clinic', 'opiate'],
    ['opioids', 'opioid'],
    ['heroin', 'heroin'],
    ['Needle exchange', 'needle exchange'],
    ['Hepatitis C test', 'hepatitis'],
    ['your Hep C nurse', 'hep c'],
    ['HIV test', 'HIV'],
    ['Liver scan', 'liver'],
    ['Respiratory clinic', 'respiratory'],
    ['COPD review', 'COPD'],
    ['detox', 'detox'],
    ['Rehab', 'rehab'],
    ['harm reduction', 'harm reduction'],
    ['Sexual Health clinic', 'sexual health'],
    ['mental health team', 'mental health'],
    ['the Recovery Hub', 'recovery'],
    ['substance misuse', 'substance misuse'],
    ['addiction', 'addiction'],
    ['Turning Point', 'Turning Point'],
    ['GUM clinic', 'gum clinic'],
    ['GUM', 'GUM'],
    ['HCV test', 'HCV'],
    ['your hbv vaccine', 'HBV'],
    ['Gastro clinic', 'gastro'],
    ['gastroenterology', 'gastroenterology'],
    ['Chest Unit, Ward 4', 'chest unit'],
    ['chest clinic', 'chest clinic'],
    ['Pulmonary function test', 'pulmonary'],
    ['Tissue Viability nurse', 'tissue viability'],
    ['GU Medicine', 'GU medicine'],
    ['gu clinic', 'GU clinic'],
    ['gum clinic', 'gum clinic'],
    ['Gum Clinic', 'gum clinic'],
    ['PrEP review', 'PrEP'],
    ['PREP', 'PREP'],
    ['chemsex support', 'chemsex'],
    ['We Are With You', 'We Are With You'],
    ['we are with you, 12 High St', 'We Are With You'],
    ['Addaction', 'Addaction'],
    ['Drugline', 'Drugline'],
    ['turning point', 'Turning Point'],
    ['Change Grow Live', 'Change Grow Live'],
    ['CGL Riverside', 'CGL'],
    ['Humankind', 'Humankind'],
    ['Forward Trust', 'Forward Trust'],
  ])('finds "%s" (%s)', (text, term) => {
    expect(terms(text)).toEqual([term]);
  });

  it('finds a phrase however its words are joined, or run together', () => {
    for (const text of ['drug-service', 'Drug  Service', 'drug/service', 'drugservice', 'DRUG\nSERVICE']) {
      expect(terms(text)).toEqual(['drug service']);
    }
  });

  it('sees through simple disguises: letters split by hyphens, dots or asterisks, look-alike digits', () => {
    expect(terms('m-e-t-h-a-d-o-n-e')).toEqual(['methadone']);
    expect(terms('d.r.u.g')).toEqual(['drug']);
    expect(terms('her0in')).toEqual(['heroin']);
    expect(terms('@lcohol')).toEqual(['alcohol']);
    expect(terms('H.I.V.')).toEqual(['HIV']);
    expect(terms('Hep-C')).toEqual(['hep c']);
  });

  it('reports where each word is, keeping the longest of overlapping matches', () => {
    const text = 'Your drug service and liver appointment';
    expect(findSensitiveWords(text)).toEqual([
      { kind: 'service', term: 'drug service', start: 5, end: 17 },
      { kind: 'condition', term: 'liver', start: 22, end: 27 },
    ]);
    expect(spans('Drugs, HIV.')).toEqual(['Drugs', 'HIV']);
  });

  it('leaves ordinary words alone: parts of other words, everyday words that are also acronyms', () => {
    for (const text of [
      'Please deliver this to the hero in the drugstore',
      'Chew gum, eat oats, hearing aids, a post office',
      'Flat 7b, 571 High Road',
      'Outpatients B, St Elsewhere Hospital, Lower Road',
      'Hi Sam, your appointment is on Tue 3 Jun at 10:30. Reply Y to confirm or N to change it.',
      'the Methodist hall, Shepcote Lane',
      'Bring your meal prep, and chew gum if you like',
    ]) {
      expect(terms(text)).toEqual([]);
    }
  });
});
