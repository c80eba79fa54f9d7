import { z } from 'zod';
import { EVENT_CATALOGUE } from './catalogue';
import type { EventDefinition } from './define-event';

/**
 * The event catalogue as Markdown (docs/event-catalogue.md), generated from the contracts themselves so
 * the documentation cannot drift: a unit test compares the file with this output.
 */
export function renderEventCatalogue(catalogue: readonly EventDefinition[] = EVENT_CATALOGUE): string {
  const byTopic = new Map<string, EventDefinition[]>();
  for (const d of catalogue) byTopic.set(d.topic, [...(byTopic.get(d.topic) ?? []), d]);
  const sections = [...byTopic].map(
    ([topic, definitions]) =>
      `## Topic \`${topic}\`\n\n` +
      definitions
        .map(
          (d) =>
            `### \`${d.type}\`\n\n${d.description}\n\n` +
            '```json\n' +
            JSON.stringify(z.toJSONSchema(d.data, { io: 'input' }), null, 2) +
            '\n```\n',
        )
        .join('\n'),
  );
  return [
    '# Event catalogue',
    '',
    'Generated from `libs/contracts` by `npm run docs:events`; do not edit by hand.',
    '',
    'Every event travels in the same envelope: `id` (uuid), `type` (this name, with its version),',
    '`version`, `occurredAt`, `orgId`, `actor` (`kind`: user | system | client, `id`), `correlationId`,',
    '`causationId`, `subjectId` (the aggregate id, also the Kafka message key) and `data` (below).',
    'Dead letters of a topic go to `<topic>.dlq`.',
    '',
    ...sections,
  ].join('\n');
}
