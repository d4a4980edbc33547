/**
 * Generates `packages/core/src/<feature>/rows.gen.ts` from the Drizzle tables, so the row, create and
 * update contracts of every resource are never written twice. Run `pnpm gen:contracts`; CI fails when
 * the committed output is stale.
 */
import { writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { getTableColumns } from 'drizzle-orm';
import { getTableConfig, type PgColumn, type PgTable } from 'drizzle-orm/pg-core';
import { analyticsTables } from '../src/analytics/resources.js';
import { cmsTables } from '../src/cms/resources.js';
import { crmTables } from '../src/crm/resources.js';
import { damTables } from '../src/dam/resources.js';
import { platformTables } from '../src/platform/resources.js';
import { secretColumns, secretFlag, serverManagedColumns } from '../src/db/managed.js';

// The tables of each feature, not the feature modules (src/features.ts): those import core's resource
// definitions, which import what this script writes, so a stale or broken output could not be regenerated.
const resourceTables: Record<string, Record<string, PgTable>> = {
  platform: platformTables,
  cms: cmsTables,
  dam: damTables,
  analytics: analyticsTables,
  crm: crmTables,
};

const coreSrc = fileURLToPath(new URL('../../core/src/', import.meta.url));
const tags: Record<string, string> = { platform: 'Platform', cms: 'CMS', dam: 'DAM', analytics: 'Analytics', crm: 'CRM' };

const camel = (s: string) => s.replace(/_(\w)/g, (_, c: string) => c.toUpperCase());
const kebab = (s: string) => s.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`);
const pascal = (s: string) => s[0]!.toUpperCase() + s.slice(1);
function singular(table: string): string {
  const words = table.split('_');
  const last = words.pop()!;
  const one = /(media|history)$/.test(last) ? last : last.endsWith('ies') ? `${last.slice(0, -3)}y` : last.replace(/s$/, '');
  return pascal(camel([...words, one].join('_')));
}

function zodOf(column: PgColumn, enums: Set<string>): string {
  const c = column as PgColumn & { baseColumn?: PgColumn; precision?: number; scale?: number; enum?: { enumName: string } };
  switch (c.columnType) {
    case 'PgArray':
      return `f.array(${zodOf(c.baseColumn!, enums)})`;
    case 'PgText':
      return 'f.text()';
    case 'PgCustomColumn':
      return 'f.longText()';
    case 'PgInteger':
      return 'f.int()';
    case 'PgBigInt53':
      return 'f.bigint()';
    case 'PgBoolean':
      return 'f.bool()';
    case 'PgTimestamp':
      return 'f.timestamp()';
    case 'PgDateString':
      return 'f.date()';
    case 'PgNumeric':
      return `f.decimal(${c.precision}, ${c.scale})`;
    case 'PgJsonb':
      return 'f.json()';
    case 'PgEnumColumn': {
      const name = camel(c.enum!.enumName);
      enums.add(name);
      return `z.enum(${name})`;
    }
    default:
      throw new Error(`gen-contracts: no zod mapping for ${c.columnType} (${c.name})`);
  }
}

/**
 * Longest text each indexed column may take. PostgreSQL refuses an index entry over ~2,700 bytes
 * (B-tree; GIN likewise), and a character takes up to 4 bytes in UTF-8, so the text columns of one
 * index share that budget: at most 500 characters each, fewer when several share an index. Without
 * this, a value the contract allows (10,000 characters) fails at insert. Primary keys and references
 * are left out: ids are made by the server, and a reference must name an existing row.
 */
function indexedTextLimits(table: PgTable): Map<string, number> {
  const config = getTableConfig(table);
  const referencing = new Set(config.foreignKeys.flatMap((fk) => fk.reference().columns.map((c) => c.name)));
  const isText = (c: PgColumn) =>
    c.columnType === 'PgText' ||
    (c.columnType === 'PgArray' && (c as PgColumn & { baseColumn: PgColumn }).baseColumn.columnType === 'PgText');
  const byName = new Map(config.columns.map((c) => [c.name, c]));
  const indexes = [
    ...config.uniqueConstraints.map((u) => u.columns.map((c) => c.name)),
    ...config.columns.filter((c) => c.isUnique).map((c) => [c.name]),
    ...config.indexes.map((i) => i.config.columns.flatMap((c) => ('name' in c && typeof c.name === 'string' ? [c.name] : []))),
  ];
  const limits = new Map<string, number>();
  for (const names of indexes) {
    const texts = names.map((n) => byName.get(n)).filter((c): c is PgColumn => !!c && isText(c) && !c.primary && !referencing.has(c.name));
    const limit = Math.min(500, Math.floor(2_600 / 4 / texts.length / 10) * 10);
    for (const c of texts) limits.set(c.name, Math.min(limits.get(c.name) ?? limit, limit));
  }
  return limits;
}

/** Columns holding a URL a user supplies: `website`, `logoUrl`, `thumbnail`, `mediaUrls`, … */
const urlColumn = /(Url|Urls)$|^(website|thumbnail|linkedIn)$/;

const isFilterable = (c: PgColumn, key: string) =>
  c.columnType === 'PgEnumColumn' ||
  c.columnType === 'PgBoolean' ||
  (c.columnType === 'PgText' && (/Id$/.test(key) || ['slug', 'locale', 'email', 'domain', 'code'].includes(key)));
const isSortable = (c: PgColumn) => !['PgJsonb', 'PgArray', 'PgCustomColumn'].includes(c.columnType);

for (const [feature, tables] of Object.entries(resourceTables)) {
  const enums = new Set<string>();
  const blocks: string[] = [];
  for (const [name, table] of Object.entries(tables)) {
    const { name: tableName } = getTableConfig(table);
    const typeName = singular(tableName);
    const row: string[] = [];
    const input: string[] = [];
    const filters: string[] = [];
    const sortable: string[] = [];
    // The Drizzle property is the spec's field name (`isABTest`), which the camelCase of the
    // column (`is_ab_test` → `isAbTest`) is not always; the generic service reads and writes by it.
    const limits = indexedTextLimits(table);
    const secrets: string[] = [];
    for (const [key, column] of Object.entries(getTableColumns(table))) {
      const limit = limits.get(column.name);
      const zod = limit ? zodOf(column, enums).replace('f.text()', `f.text().max(${limit})`) : zodOf(column, enums);
      const secret = secretColumns[key];
      if (secret) {
        // Write-only: accepted on input, shown only as whether it is set.
        const flag = secretFlag(key, secret);
        secrets.push(`    ${key}: { kind: '${secret}', flag: '${flag}' },`);
        row.push(`    ${flag}: z.boolean().describe('Whether ${key} is set; the value itself is write-only'),`);
        const optional = !column.notNull || column.hasDefault;
        input.push(`    ${key}: ${zod}${column.notNull ? '' : '.nullable()'}${optional ? '.optional()' : ''},`);
        continue;
      }
      row.push(`    ${key}: ${zod}${column.notNull ? '' : '.nullable()'},`);
      if (!serverManagedColumns.has(key)) {
        const optional = !column.notNull || column.hasDefault;
        // A required string must say something: '' is refused like a missing value.
        let value = !optional && zod.startsWith('f.text()') ? zod.replace('f.text()', 'f.text().min(1)') : zod;
        // URLs users supply are http(s) only (on input; stored rows may hold server-made relative paths).
        if (urlColumn.test(key)) value = value.replace(/f\.text\(\)(\.max\(\d+\))?(\.min\(1\))?/, 'f.httpUrl()');
        input.push(`    ${key}: ${value}${column.notNull ? '' : '.nullable()'}${optional ? '.optional()' : ''},`);
      }
      if (isFilterable(column, key))
        filters.push(
          `    ${key}: ` +
            `${column.columnType === 'PgBoolean' ? 'f.queryBool()' : column.columnType === 'PgEnumColumn' ? zod : 'f.text()'}.optional(),`,
        );
      else if (column.columnType === 'PgArray' && (column as PgColumn & { baseColumn: PgColumn }).baseColumn.columnType !== 'PgJsonb')
        filters.push(
          `    ${key}: ${zodOf((column as PgColumn & { baseColumn: PgColumn }).baseColumn, enums)}.optional().describe('Rows whose ` +
            `${key} contain this value'),`,
        );
      if (isSortable(column)) sortable.push(`'${key}'`);
    }
    const inputShape = `{\n${input.join('\n')}\n  }`;
    // Update takes the create fields, each optional: declared once, so the two never drift apart.
    blocks.push(`const ${name}Create = z.strictObject(${inputShape});

/** \`${tableName}\` as the resource \`${name}\`. */
export const ${name} = defineResource({
  name: '${name}',
  path: '/v1/${feature}/${kebab(name)}',
  entityType: '${tableName}',
  tag: '${tags[feature]}',
  row: z.object({
${row.join('\n')}
  }),
  create: ${name}Create,
  update: ${name}Create.partial(),
  filters: z.object({
${filters.join('\n')}
  }),
${wrapList('  sortable: [', sortable, '],')}${secrets.length ? `\n  secrets: {\n${secrets.join('\n')}\n  },` : ''}
});
export type ${typeName} = z.output<typeof ${name}.row>;
export type ${typeName}Create = z.input<typeof ${name}.create>;
export type ${typeName}Update = z.input<typeof ${name}.update>;`);
  }
  const header = `// Generated by \`pnpm gen:contracts\` from the Drizzle tables in packages/server. Do not edit.
import * as z from 'zod';
import * as f from '../shared/fields.js';
import { defineResource } from '../shared/resource.js';
${enums.size ? `${wrapList('import { ', [...enums].sort(), " } from './enums.js';")}\n` : ''}`;
  const registry = `\n/** Every ${tags[feature]} resource, by SDK name. */\n${wrapList(
    `export const ${feature}Resources = { ` + ``,
    Object.keys(tables),
    ' };',
  )}\n`;
  writeFileSync(`${coreSrc}${feature}/rows.gen.ts`, `${header}\n${blocks.join('\n\n')}\n${registry}`);
  console.log(`gen-contracts: ${feature}: ${Object.keys(tables).length} resources`);
}

/** A list on one line when it fits in 140 characters, else one item a line, as Biome would print it. */
function wrapList(open: string, items: string[], close: string): string {
  const line = `${open}${items.join(', ')}${close}`;
  if (line.length <= 140) return line;
  const indent = open.match(/^ */)![0];
  return `${open.trimEnd()}\n${items.map((item) => `${indent}  ${item},`).join('\n')}\n${indent}${close.trimStart()}`;
}
