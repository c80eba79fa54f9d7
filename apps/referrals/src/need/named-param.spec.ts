import { z } from 'zod';
import { namedParam } from './named-param';

describe('namedParam', () => {
  const needId = namedParam('needId', z.uuid());

  it('passes a valid value through', () => {
    expect(needId.parse('7a1d0000-0000-4000-8000-000000000009')).toBe('7a1d0000-0000-4000-8000-000000000009');
  });

  it("names the parameter in each issue's path", () => {
    expect(needId.safeParse('not-a-uuid').error?.issues).toEqual([
      { code: 'custom', message: 'Invalid UUID', path: ['needId'] },
    ]);
  });
});
