/**
 * BullMQ refuses custom ids that look like integers or contain ':' (it uses ':' in its own keys).
 * Our ids (`reminder:<uuid>`) are mapped one-to-one: '%' and ':' are percent-escaped and a fixed
 * prefix keeps the result from ever being an integer.
 */
export function toBullJobId(id: string): string {
  return `j.${id.replace(/%/g, '%25').replace(/:/g, '%3A')}`;
}
