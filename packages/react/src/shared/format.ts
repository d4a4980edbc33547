/**
 * Fills `{name}` placeholders of a string.
 *
 * @example format('Version {number}', { number: 3 }) // 'Version 3'
 */
export function format(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (match, key: string) => (key in values ? String(values[key]) : match));
}
