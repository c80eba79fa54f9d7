import {
  CONFIRM_PHRASES,
  MISSED_YES_PHRASES,
  OFFER_DECLINE_PHRASES,
  OFFER_TAKE_PHRASES,
  REBOOK_PHRASES,
  carrierOptOutKeyword,
  replyIntentOf,
  wordsOf,
} from './reply-intent';

describe('reading a reply', () => {
  describe('confirm', () => {
    it.each([
      'Y',
      'y',
      'Yes',
      'YES',
      'yes.',
      'Yes!!!',
      '  yes  ',
      'Yesss',
      'yeah',
      'Yeah!',
      'yep',
      'Yup',
      'ok',
      'OK.',
      'Okay',
      'okey',
      'K',
      'kk',
      'Sure',
      'Fine',
      'Yes thanks',
      'Yes thank you x',
      'ok cheers',
      'Yes please',
      "Yes I'll be there",
      'yes ill be there',
      'Yes I’ll be there', // curly apostrophe, as phones type it
      'I will be there',
      'Will do',
      'will do thanks',
      'See you then',
      'see you tomorrow',
      'Ok see you Tuesday',
      'Yes, see you then!',
      'Confirmed',
      'Im coming',
      "I'm coming",
      'No problem',
      'no worries x',
      "Hi, yes that's fine",
      'that is ok',
      'All good',
      'Ｙｅｓ', // full-width letters
    ])('%j', (text) => {
      expect(replyIntentOf(text)).toBe('confirm');
    });

    it.each(['👍', '👍🏽', '✅', '✔️', '👌', '🆗', 'ok 👍', '👍👍', 'Yes 😊', '😊 yes', 'yes ❤️'])(
      'emoji %j',
      (text) => {
        expect(replyIntentOf(text)).toBe('confirm');
      },
    );
  });

  describe('rebook', () => {
    it.each([
      'N',
      'n',
      'No',
      'NO.',
      'nope',
      'Nah',
      'Noooo',
      "Can't",
      'cant',
      'Cannot',
      "can't make it",
      'Can’t make it',
      "I can't make it",
      'Sorry I cant make it',
      "sorry, can't make it tomorrow",
      'I cannot make it',
      'cannot come',
      "won't make it",
      "I won't be there",
      'not going to make it',
      "I'm not going to make it",
      'Not gonna make it sorry',
      'not coming',
      'MOVE',
      'move it please',
      'Change',
      'change it',
      'Rebook',
      'rebook please',
      'Reschedule',
      'Another day please',
      'No sorry',
      'No thanks',
      'no, cant make it',
    ])('%j', (text) => {
      expect(replyIntentOf(text)).toBe('rebook');
    });

    it.each(['👎', '❌', 'no 👎'])('emoji %j', (text) => {
      expect(replyIntentOf(text)).toBe('rebook');
    });
  });

  describe('opt_out: a carrier keyword alone, as carriers treat it', () => {
    it.each([
      ['STOP', 'STOP'],
      ['stop', 'STOP'],
      ['Stop.', 'STOP'],
      [' STOP ', 'STOP'],
      ['Stop!!', 'STOP'],
      ['STOPALL', 'STOPALL'],
      ['Unsubscribe', 'UNSUBSCRIBE'],
      ['CANCEL', 'CANCEL'],
      ['cancel', 'CANCEL'],
      ['END', 'END'],
      ['Quit', 'QUIT'],
      ['🛑 STOP', 'STOP'],
    ])('%j', (text, keyword) => {
      expect(replyIntentOf(text)).toBe('opt_out');
      expect(carrierOptOutKeyword(text)).toBe(keyword);
    });

    it.each([
      'Stop texting me',
      'please stop',
      'STOP ALL',
      'stopp',
      'cancel it',
      'Cancel my appointment',
      'end of the week',
      'STOP2',
      'unsubscribe me please',
    ])('%j is not a keyword: the keyworker reads it', (text) => {
      expect(carrierOptOutKeyword(text)).toBeUndefined();
      expect(replyIntentOf(text)).toBe('other');
    });
  });

  describe('other: for the keyworker to read', () => {
    it.each([
      ['not ok', 'a negated confirmation'],
      ['Not OK', 'a negated confirmation'],
      ['not fine', 'a negated confirmation'],
      ['not sure', 'a negated confirmation'],
      ["don't think so", 'a negated confirmation'],
      ['no ok', 'yes and no at once'],
      ['yes no', 'yes and no at once'],
      ['Yes but I cant make it', 'yes and no at once'],
      ['ok 👎', 'yes and no at once'],
      ['👍 ❌', 'yes and no at once'],
      ['yes but can I bring my dog?', 'a question'],
      ['Yes?', 'a question'],
      ['Can I change it?', 'a question'],
      ['what time is it again', 'unknown words'],
      ['Who is this', 'unknown words'],
      ['Yes I will be there but I might be a bit late because of the bus', 'a message, not an answer'],
      ['Maybe', 'unknown words'],
      ['1', 'unknown words'],
      ['', 'nothing'],
      ['   ', 'nothing'],
      ['...', 'nothing'],
      ['❤️', 'an emoji that is no answer'],
      ['😡', 'an emoji that is no answer'],
      ['START', 'a carrier opt-in word: staff re-record consent'],
      ['I am in hospital', 'unknown words'],
      ['ill', 'illness, not "I\'ll"'],
      ["I'm ill", 'illness, not "I\'ll"'],
      ['sorry im ill', 'illness, not "I\'ll"'],
      ['ok im ill', 'illness, not "I\'ll"'],
      ['Ill', 'illness, not "I\'ll"'],
    ])('%j (%s)', (text) => {
      expect(replyIntentOf(text)).toBe('other');
    });
  });

  describe('the vocabulary', () => {
    it('reads every phrase as its own kind, alone and with politeness', () => {
      for (const phrase of CONFIRM_PHRASES) {
        expect([phrase, replyIntentOf(phrase), replyIntentOf(`${phrase.toUpperCase()}, thanks!`)]).toEqual([
          phrase,
          'confirm',
          'confirm',
        ]);
      }
      for (const phrase of REBOOK_PHRASES) {
        expect([phrase, replyIntentOf(phrase), replyIntentOf(`Sorry ${phrase}.`)]).toEqual([
          phrase,
          'rebook',
          'rebook',
        ]);
      }
    });

    it('never reads a negated confirmation as confirm', () => {
      for (const phrase of CONFIRM_PHRASES) {
        for (const negated of [`not ${phrase}`, `don't ${phrase}`, `never ${phrase}`, `${phrase} not`]) {
          expect([negated, replyIntentOf(negated)]).not.toEqual([negated, 'confirm']);
        }
      }
    });

    it('never asks for, nor reads, a carrier keyword as an answer', () => {
      for (const phrase of [
        ...CONFIRM_PHRASES,
        ...REBOOK_PHRASES,
        ...OFFER_TAKE_PHRASES,
        ...OFFER_DECLINE_PHRASES,
        ...MISSED_YES_PHRASES,
      ]) {
        expect([phrase, carrierOptOutKeyword(phrase)]).toEqual([phrase, undefined]);
      }
    });
  });

  describe('a reply to an offer', () => {
    it.each([
      ['YES', 'confirm'],
      ['y', 'confirm'],
      ['ok', 'confirm'],
      ['Yes please 👍', 'confirm'],
      ["I'll take it thanks", 'confirm'],
      ['no', 'rebook'],
      ['No thanks', 'rebook'],
      ['no thank you x', 'rebook'],
      ["can't", 'rebook'],
      ['not that day sorry', 'rebook'],
      ["doesn't suit me", 'rebook'],
      ["Can't do Wednesday", 'rebook'],
      ['👎', 'rebook'],
      ['STOP', 'opt_out'],
      ['yes but what time is it?', 'other'],
      ['yes not that day', 'other'],
      ['who is this', 'other'],
    ])('%j reads as %s', (text, intent) => {
      expect(replyIntentOf(text, 'offer')).toBe(intent);
    });

    it('reads every offer phrase as its kind, alone and with politeness', () => {
      for (const phrase of OFFER_TAKE_PHRASES) {
        expect([phrase, replyIntentOf(`${phrase}, thanks`, 'offer')]).toEqual([phrase, 'confirm']);
      }
      for (const phrase of OFFER_DECLINE_PHRASES) {
        expect([phrase, replyIntentOf(`sorry ${phrase}`, 'offer')]).toEqual([phrase, 'rebook']);
      }
    });

    it('keeps those phrases to offers: to a reminder they still go to a person as other', () => {
      for (const text of ['not that day', "doesn't suit", "I'll take it", 'not for me']) {
        expect([text, replyIntentOf(text)]).toEqual([text, 'other']);
      }
      // What a reminder's reader understood before still reads the same.
      expect(replyIntentOf('No thanks')).toBe('rebook');
      expect(replyIntentOf('yes')).toBe('confirm');
    });

    // They may turn down the service, not just this seat: a person should talk to them.
    it.each(['not interested', 'Not for me thanks', "I don't want it", 'i dont want it x', 'do not want it'])(
      '%j is no mere decline: other, to the offer as to a reminder',
      (text) => {
        expect([replyIntentOf(text, 'offer'), replyIntentOf(text)]).toEqual(['other', 'other']);
      },
    );

    it('never reads a negated take as taking it', () => {
      for (const phrase of OFFER_TAKE_PHRASES) {
        for (const negated of [`not ${phrase}`, `don't ${phrase}`, `never ${phrase}`]) {
          expect([negated, replyIntentOf(negated, 'offer')]).not.toEqual([negated, 'confirm']);
        }
      }
    });
  });

  describe('a reply to "sorry we missed you" (would you like a new appointment?)', () => {
    it.each([
      ['YES', 'confirm'],
      ['yes please', 'confirm'],
      ['Yes please x', 'confirm'],
      ['ok', 'confirm'],
      ['OK thanks', 'confirm'],
      ['👍', 'confirm'],
      ['y', 'confirm'],
      ['sorry, yes please', 'confirm'],
      ['rebook please', 'confirm'],
      ["I'd like a new appointment", 'confirm'],
      ['Yes another day please', 'confirm'],
      ['book me in thanks', 'confirm'],
      ['STOP', 'opt_out'],
      // "No" turns the new appointment down: the keyworker reads it, never as wanting to rebook.
      ['no', 'other'],
      ['No thanks', 'other'],
      ["can't make it", 'other'],
      ['👎', 'other'],
      ['yes but not mondays', 'other'],
      ['yes can I come Friday?', 'other'],
      ['I was in hospital', 'other'],
      ["I don't want one", 'other'],
      ['help', 'other'],
    ])('%j reads as %s', (text, intent) => {
      expect(replyIntentOf(text, 'missed')).toBe(intent);
    });

    it('reads every phrase asking for the new appointment as yes, alone and with politeness', () => {
      for (const phrase of MISSED_YES_PHRASES) {
        expect([
          phrase,
          replyIntentOf(phrase, 'missed'),
          replyIntentOf(`yes ${phrase} thanks`, 'missed'),
        ]).toEqual([phrase, 'confirm', 'confirm']);
      }
    });

    it('never reads a negated yes as yes', () => {
      for (const phrase of [...CONFIRM_PHRASES, ...MISSED_YES_PHRASES]) {
        for (const negated of [`not ${phrase}`, `don't ${phrase}`, `never ${phrase}`, `no ${phrase}`]) {
          expect([negated, replyIntentOf(negated, 'missed')]).not.toEqual([negated, 'confirm']);
        }
      }
    });

    it('keeps its phrases to that text: to a reminder, "new appointment" is still for a person', () => {
      expect(replyIntentOf("I'd like a new appointment")).toBe('other');
      expect(replyIntentOf('rebook please')).toBe('rebook');
    });
  });

  describe('a reply that may be about another offer, or from someone else on a shared phone', () => {
    it.each(['YES', 'y', 'ok 👍', "I'll take it", 'no', "can't make it", 'not that day', '👎'])(
      '%j: neither confirm nor rebook, but other',
      (text) => {
        expect(replyIntentOf(text, 'unsure')).toBe('other');
      },
    );

    it('still mirrors a carrier opt-out', () => {
      expect(replyIntentOf('STOP', 'unsure')).toBe('opt_out');
      expect(replyIntentOf('unsubscribe.', 'unsure')).toBe('opt_out');
    });
  });

  it('normalises case, apostrophes, punctuation, emoji and long runs of a letter', () => {
    expect(wordsOf('  Can’t   make IT!!! 👍🏽 Yesss...')).toEqual(['cant', 'make', 'it', 'ok', 'yes']);
  });
});
