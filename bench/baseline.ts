import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { BaselineQuery, RawSql } from './scenario.js';

/**
 * The baseline: the scenario's hand-written SQL through bare postgres.js (prepared, same pool size as
 * the server; on PGlite, the server's own connection), served by a minimal node:http handler that
 * serializes the rows to JSON. No routing, validation, authentication or logging: the floor our server
 * is measured against.
 *
 * @example const baseline = await startBaseline(sql, { text: 'select 1', params: [] }); … await baseline.close()
 */
export async function startBaseline(sql: RawSql, query: BaselineQuery): Promise<{ url: string; close: () => Promise<void> }> {
  const reply = query.reply ?? ((rows: Record<string, unknown>[]) => ({ data: rows }));
  const server = createServer(async (_req, res) => {
    try {
      const rows = await sql.unsafe(query.text, query.params);
      const body = JSON.stringify(reply(rows));
      res.writeHead(200, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) });
      res.end(body);
    } catch (error) {
      res.writeHead(500, { 'content-type': 'text/plain' });
      res.end(String(error));
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.close(() => resolve());
        server.closeAllConnections();
      }),
  };
}
