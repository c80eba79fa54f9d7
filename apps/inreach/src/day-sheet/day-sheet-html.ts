import type { AttendanceOutcome } from '@careloop/contracts';
import { formatInLondon } from '@careloop/time';
import type { DaySheetClient, DaySheetView } from './day-sheet.view';
import { escapeHtml as e } from './escape-html';

const ATTENDANCE: Record<AttendanceOutcome, string> = {
  attended: 'Attended',
  did_not_attend: 'Did not attend',
  cancelled_late: 'Cancelled late',
  left_before_seen: 'Left before seen',
};

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** Printed for a clinic room: plain tables, nothing fetched, nothing run. */
const STYLE = `
  body { font-family: Arial, Helvetica, sans-serif; font-size: 11pt; color: #0b0c0c; margin: 1.5rem; }
  h1 { font-size: 16pt; margin: 0 0 .25rem; }
  h2 { font-size: 13pt; margin: 1.25rem 0 .5rem; }
  p { margin: .2rem 0; }
  table { border-collapse: collapse; width: 100%; }
  th, td { border: 1px solid #505a5f; padding: .3rem .4rem; text-align: left; vertical-align: top; }
  th { background: #f3f2f1; }
  .cancelled { border: 2px solid #d4351c; padding: .5rem; font-weight: bold; margin: .75rem 0; }
  .none { font-style: italic; }
  footer { margin-top: 1.5rem; font-size: 9pt; color: #505a5f; }
  @page { size: A4 landscape; margin: 12mm; }
  @media print {
    body { margin: 0; }
    th { background: none; }
    tr { page-break-inside: avoid; }
  }
`;

/**
 * The day sheet as a self-contained page to print: inline styles, no scripts, no links to fetch.
 * Every value from the database is escaped; times are London wall-clock time.
 */
export function renderDaySheetHtml(sheet: DaySheetView): string {
  const { session, service, site, room } = sheet;
  const when = `${formatInLondon(new Date(session.startsAt), 'cccc d LLLL yyyy, HH:mm')}–${time(session.endsAt)}`;
  return `<!DOCTYPE html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Day sheet: ${e(service.name)}, ${e(session.date)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(service.name)}</h1>
<p>${e(service.providerName)}</p>
<p>${e(room.name)}, ${e(site.name)}, ${e(site.address)}</p>
<p>${e(when)}</p>
${session.status === 'cancelled' ? `<p class="cancelled">Cancelled: ${e(session.cancelReason ?? '')}</p>` : ''}
</header>
<main>
<h2>Booked (${sheet.booked.length})</h2>
${
  sheet.booked.length === 0
    ? '<p class="none">No one is booked.</p>'
    : table(
        ['Time', 'Name', 'Date of birth', 'NHS number', 'Keyworker', 'Attendance'],
        sheet.booked.map((a) => [
          `${time(a.startsAt)}–${time(a.endsAt)}`,
          ...person(a.client, a.clientId),
          a.attendance ? ATTENDANCE[a.attendance] : '',
        ]),
      )
}
<h2>Walk-ins (${sheet.walkIns.length} of ${session.walkInAllowance})</h2>
${
  sheet.walkIns.length === 0
    ? '<p class="none">No walk-ins recorded.</p>'
    : table(
        ['Seen at', 'Name', 'Date of birth', 'NHS number', 'Keyworker', 'Note'],
        sheet.walkIns.map((w) => [time(w.seenAt), ...person(w.client, w.clientId), w.note ?? '']),
      )
}
</main>
<footer>
<p>Confidential: clients' personal information. Keep it secure and shred it after the clinic.</p>
<p>Printed ${e(formatInLondon(new Date(sheet.generatedAt), 'd LLLL yyyy, HH:mm'))}</p>
</footer>
</body>
</html>
`;
}

function table(headings: string[], rows: string[][]): string {
  const head = headings.map((h) => `<th scope="col">${e(h)}</th>`).join('');
  const body = rows.map((r) => `<tr>${r.map((cell) => `<td>${e(cell)}</td>`).join('')}</tr>`).join('\n');
  return `<table>\n<thead><tr>${head}</tr></thead>\n<tbody>\n${body}\n</tbody>\n</table>`;
}

/** Name, date of birth, NHS number and keyworker; plain text, escaped by the table. */
function person(client: DaySheetClient | null, clientId: string): string[] {
  if (!client) return [`Client ${clientId} (details not yet received)`, '', '', ''];
  const preferred = client.preferredName ? ` (known as ${client.preferredName})` : '';
  return [
    `${client.familyName.toUpperCase()}, ${client.givenName}${preferred}`,
    longDate(client.dateOfBirth),
    client.nhsNumber ? nhsNumber(client.nhsNumber) : 'Not known',
    client.keyworkerId,
  ];
}

const time = (iso: string) => formatInLondon(new Date(iso), 'HH:mm');

/** `1979-04-12` as `12 Apr 1979`: no day-month order to misread. */
export function longDate(date: string): string {
  const [year, month, day] = date.split('-');
  return `${Number(day)} ${MONTHS[Number(month) - 1]} ${year}`;
}

/** `9434765919` as `943 476 5919`, the way NHS numbers are printed. */
export function nhsNumber(digits: string): string {
  return `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}
