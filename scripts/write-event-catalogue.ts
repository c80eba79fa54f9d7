import * as fs from 'node:fs';
import * as path from 'node:path';
import { renderEventCatalogue } from '@careloop/contracts';

// `npm run docs:events`: regenerates docs/event-catalogue.md from the contracts.
const file = path.resolve(__dirname, '../docs/event-catalogue.md');
fs.writeFileSync(file, renderEventCatalogue());
console.log(`wrote ${path.relative(process.cwd(), file)}`);
