import { lintLocationText, lintTemplate, measureTemplate } from './template-lint';

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe('template lint', () => {
  const plain = 'Hi {name}, see you {when} at {where}. {reply}.';

  it('accepts a plain template and reports its size with a typical name and location', () => {
    expect(lintTemplate(plain, { namesService: false, step: 'confirmation' })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 1,
    });
  });

  it('refuses each word that names the service, a treatment or a condition, with its position', () => {
    const body = 'Hi {name}, your Methadone review at the drug service is {when}. {reply}.';
    const { problems } = lintTemplate(body, { namesService: false, step: 'confirmation' });
    expect(problems).toEqual([
      expect.objectContaining({ code: 'REVEALS_SERVICE', start: 16, end: 25, text: 'Methadone' }),
      expect.objectContaining({ code: 'REVEALS_SERVICE', start: 40, end: 52, text: 'drug service' }),
    ]);
    expect(problems[0]!.message).toMatch(/"Methadone" names a treatment: whoever else reads/);
  });

  it('lets a template saved as naming the service use those words', () => {
    const body = 'Hi {name}, drug service appointment {when} at {where}. {reply}.';
    expect(lintTemplate(body, { namesService: true, step: 'confirmation' })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 1,
    });
  });

  it('warns when a template saved as naming the service names nothing', () => {
    expect(codes(lintTemplate(plain, { namesService: true, step: 'confirmation' }).warnings)).toEqual([
      'NAMES_NOTHING',
    ]);
  });

  it('refuses asking for a carrier opt-out word even in a template that names the service', () => {
    const body = 'Hi {name}, drug service {when} at {where}. Reply Y to confirm or CANCEL to cancel.';
    const result = lintTemplate(body, { namesService: true, step: 'confirmation' });
    expect(result.problems).toEqual([
      expect.objectContaining({ code: 'OPT_OUT_INSTRUCTION', text: 'CANCEL', start: body.indexOf('CANCEL') }),
    ]);
    expect(result.problems[0]!.message).toContain('"CANCEL", a carrier opt-out word');
    expect(result.warnings).toEqual([
      expect.objectContaining({ code: 'MAY_PROMPT_OPT_OUT', text: 'cancel' }),
    ]);
  });

  it('refuses unknown placeholders and stray braces, and an empty template', () => {
    expect(
      codes(
        lintTemplate('Hi {firstName}, {when} at {place} }', { namesService: false, step: 'confirmation' })
          .problems,
      ),
    ).toEqual(['UNKNOWN_PLACEHOLDER', 'UNKNOWN_PLACEHOLDER', 'STRAY_BRACE']);
    expect(codes(lintTemplate('  ', { namesService: false, step: 'confirmation' }).problems)).toEqual([
      'EMPTY',
    ]);
  });

  it('accepts two or three segments with a warning and refuses four', () => {
    const filler = (n: number) => `${plain} ${'x'.repeat(n)}`;
    const base = measureTemplate(plain, 'confirmation');
    expect(base.segments).toBe(1);
    const two = lintTemplate(filler(100), { namesService: false, step: 'confirmation' });
    expect(two).toMatchObject({ problems: [], segments: 2 });
    expect(two.warnings).toEqual([
      expect.objectContaining({
        code: 'MORE_THAN_ONE_SEGMENT',
        message: expect.stringContaining('takes 2 GSM-7 segments'),
      }),
    ]);
    const three = lintTemplate(filler(300), { namesService: false, step: 'confirmation' });
    expect(three).toMatchObject({ problems: [], segments: 3 });
    const four = lintTemplate(filler(350), { namesService: false, step: 'confirmation' });
    expect(four.segments).toBe(4);
    expect(four.problems).toEqual([expect.objectContaining({ code: 'TOO_MANY_SEGMENTS' })]);
  });

  it('counts in UCS-2 when the template holds a character outside GSM-7, and says which', () => {
    const result = lintTemplate(`${plain} 👍`, { namesService: false, step: 'confirmation' });
    expect(result).toMatchObject({ problems: [], encoding: 'UCS-2', segments: 3 });
    expect(result.warnings.map((w) => w.code)).toEqual(['MORE_THAN_ONE_SEGMENT', 'NOT_GSM_7']);
    expect(result.warnings[1]!.message).toContain('"👍" is not in the GSM-7 alphabet');
  });

  it('does not count a pasted curly apostrophe against GSM-7: it is sent as a plain one', () => {
    expect(
      lintTemplate(`Hi {name}, it’s {when} at {where}. {reply}.`, {
        namesService: false,
        step: 'confirmation',
      }),
    ).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 1,
    });
  });
});

describe('template lint for the offer text', () => {
  const offer = 'Hi {name}, a place is free for you on {when} at {where}. {reply}.';

  it('measures an offer with its reply and expiry, and warns only above the two segments of its default', () => {
    expect(lintTemplate(offer, { namesService: false, step: 'offer' })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 2,
    });
    const three = lintTemplate(`${offer} ${'x'.repeat(120)}`, { namesService: false, step: 'offer' });
    expect(three).toMatchObject({ problems: [], segments: 3 });
    expect(three.warnings).toEqual([
      expect.objectContaining({
        code: 'MORE_THAN_ONE_SEGMENT',
        message: expect.stringContaining('takes 3 GSM-7 segments (each is charged); the default takes 2'),
      }),
    ]);
  });

  it('lets the offer say {expires} its own way, and refuses an offer that never says by when to answer', () => {
    const ownWay = 'Hi {name}, free slot {when} at {where}. Text YES before {expires} to have it, or NO.';
    expect(lintTemplate(ownWay, { namesService: false, step: 'offer' }).problems).toEqual([]);
    const noDeadline = 'Hi {name}, free slot {when} at {where}. Text YES to have it.';
    expect(codes(lintTemplate(noDeadline, { namesService: false, step: 'offer' }).problems)).toEqual([
      'OFFER_WITHOUT_DEADLINE',
    ]);
  });

  it('refuses {expires} in any other text, with its position', () => {
    const body = 'Hi {name}, {when} at {where} (until {expires}). {reply}.';
    expect(lintTemplate(body, { namesService: false, step: 'evening_before' }).problems).toEqual([
      expect.objectContaining({
        code: 'PLACEHOLDER_NOT_FOR_STEP',
        start: body.indexOf('{expires}'),
        text: '{expires}',
        message: "{expires} is only for the offer text: this step's text has no offer that lapses",
      }),
    ]);
  });

  it('refuses words that name the service in an offer as in any text', () => {
    const body = 'Hi {name}, a drug service slot is free {when} at {where}. {reply}.';
    expect(codes(lintTemplate(body, { namesService: false, step: 'offer' }).problems)).toEqual([
      'REVEALS_SERVICE',
    ]);
  });
});

describe('template lint for "sorry we missed you"', () => {
  it('measures it with its own {reply}, one segment like its default, and refuses {expires}', () => {
    const own = 'Hi {name}, we missed you {when}. No problem: want another appointment? {reply}.';
    expect(lintTemplate(own, { namesService: false, step: 'missed' })).toEqual({
      problems: [],
      warnings: [],
      encoding: 'GSM-7',
      segments: 1,
    });
    const long = lintTemplate(`${own} ${'x'.repeat(60)}`, { namesService: false, step: 'missed' });
    expect(long).toMatchObject({ problems: [], segments: 2 });
    expect(codes(long.warnings)).toEqual(['MORE_THAN_ONE_SEGMENT']);
    const expires = 'Hi {name}, we missed you. Reply YES by {expires}.';
    expect(codes(lintTemplate(expires, { namesService: false, step: 'missed' }).problems)).toEqual([
      'PLACEHOLDER_NOT_FOR_STEP',
    ]);
  });

  it('refuses naming the service, and asking for a carrier opt-out word, as in any text', () => {
    const naming = 'Hi {name}, sorry we missed you at the drug service {when}. {reply}.';
    expect(codes(lintTemplate(naming, { namesService: false, step: 'missed' }).problems)).toEqual([
      'REVEALS_SERVICE',
    ]);
    const optOut = 'Hi {name}, sorry we missed you {when}. Reply YES to rebook or CANCEL to stop.';
    expect(codes(lintTemplate(optOut, { namesService: false, step: 'missed' }).problems)).toContain(
      'OPT_OUT_INSTRUCTION',
    );
  });
});

describe('location text lint', () => {
  it('accepts a plain place', () => {
    expect(lintLocationText('Outpatients B, St Elsewhere Hospital')).toEqual({ problems: [], warnings: [] });
  });

  it('always refuses a location that names the service, a specialty or a condition', () => {
    expect(lintLocationText('Riverside Recovery Centre, Mill Lane').problems).toEqual([
      expect.objectContaining({ code: 'REVEALS_SERVICE', text: 'Recovery', start: 10, end: 18 }),
    ]);
    expect(codes(lintLocationText('Chest clinic, Level 2').problems)).toEqual(['REVEALS_SERVICE']);
  });

  it('reads capitals as a place name, not a keyword', () => {
    expect(lintLocationText('WEST END CENTRE')).toEqual({ problems: [], warnings: [] });
  });
});
