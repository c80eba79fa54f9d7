import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderEventCatalogue } from './catalogue-markdown';

describe('the event catalogue document', () => {
  it('matches the contracts (run `npm run docs:events` after changing an event)', () => {
    const file = path.resolve(__dirname, '../../../docs/event-catalogue.md');
    expect(fs.readFileSync(file, 'utf8')).toBe(renderEventCatalogue());
  });
});
