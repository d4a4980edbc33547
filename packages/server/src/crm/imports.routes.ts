import { importOps as ops } from '@spokestack/core/crm';
import type { Db } from '../db/client.js';
import { type Router, refused } from '../http/router.js';
import { contactImportErrorsCsv, createContactImport } from './imports.js';

const readOnly = 'an import is written by its job; start another instead';

/** CSV imports of contacts: started here, read through the generic list and get while their job runs. @example importRoutes(router, db) */
export function importRoutes(router: Router, db: Db): void {
  router.on(ops.createContactImport, ({ ctx, body }) => createContactImport(db, ctx, body));
  router.on(ops.contactImportErrorsCsv, async ({ ctx, params }) => {
    const { fileName, csv } = await contactImportErrorsCsv(db, ctx, params.id);
    return new Response(csv, {
      headers: {
        'content-type': 'text/csv; charset=utf-8',
        'content-disposition': `attachment; filename="${fileName.replace(/\.csv$/i, '').replace(/[^\w.-]+/g, '_')}-errors.csv"`,
        'cache-control': 'no-store',
      },
    });
  });
  for (const op of [ops.updateContactImportRefused, ops.deleteContactImportRefused]) router.on(op, refused(readOnly));
}
