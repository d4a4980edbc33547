import { getTableConfig, type PgTable } from 'drizzle-orm/pg-core';
import { resourceTables } from '../src/db/resource-tables.js';
const nameOf = new Map<PgTable, string>();
for (const [f, tables] of Object.entries(resourceTables)) for (const [n, t] of Object.entries(tables)) nameOf.set(t, `${f}.${n}`);
for (const [f, tables] of Object.entries(resourceTables)) for (const [n, t] of Object.entries(tables)) {
  const c = getTableConfig(t);
  const fks = c.foreignKeys.map((fk) => { const r = fk.reference(); return `${r.columns.map(x=>x.name).join('+')}->${getTableConfig(r.foreignTable).name}${nameOf.get(r.foreignTable) ? '' : '(!)'}${r.columns.some(x=>x.notNull)?'*':''}${fk.onDelete ? ' '+fk.onDelete : ''}`; });
  const uniq = [...c.uniqueConstraints.map((u) => u.columns.map((x) => x.name).join('+') + (u.nullsNotDistinct?' NND':'')), ...c.indexes.filter((i) => i.config.unique).map((i) => 'idx:' + i.config.columns.map((x: any) => x.name ?? '?').join('+'))];
  const colUniq = c.columns.filter((x) => x.isUnique).map((x) => x.name);
  const checks = c.checks.map(ch=>ch.name);
  console.log(`${f}.${n} (${c.name}) fk=[${fks.join(', ')}] uniq=[${uniq.join(' | ')}] colUniq=[${colUniq}] checks=[${checks}]`);
}
