#!/usr/bin/env node
import { type ParseArgsConfig, parseArgs } from 'node:util';
import type { Database } from './db/client.js';
import type { ResolvedSettings } from './serve.js';

// `spokestack-server`: run the reference server and administer its database from a shell. The server
// and database modules load only when a command runs, so `--help` and usage mistakes answer at once.

/** A mistake in how the CLI was called; printed as one line, without a stack. */
class UsageError extends Error {
  override name = 'UsageError';
}

type Options = NonNullable<ParseArgsConfig['options']>;

interface Command {
  summary: string;
  usage: string;
  options: Options;
  /** Lines of help under "Options:", one per option. */
  help: string[];
  /** Lines after the options: environment variables and notes. */
  notes?: string[];
  run(values: Record<string, string | boolean | undefined>): Promise<void>;
}

const dataDirOption: Options = { 'data-dir': { type: 'string' } };
const dataDirHelp = [
  '  --data-dir DIR    Folder of the embedded database (PGlite, in DIR/db), its secret and files',
  '                    (default .spokestack); with DATABASE_URL, only local files live there',
];
const databaseEnv = ['Environment:', '  DATABASE_URL          postgres://… to use PostgreSQL instead of the embedded database'];

/** Opens the configured database, applies pending migrations, runs `fn`, and always closes it. */
async function withDatabase<T>(
  values: Record<string, unknown>,
  fn: (database: Database, settings: ResolvedSettings) => Promise<T>,
): Promise<T> {
  const { openDatabase, resolveSettings } = await import('./serve.js');
  const settings = resolveSettings({ dataDir: values['data-dir'] as string | undefined });
  const database = await openDatabase(settings);
  try {
    await database.migrate();
    return await fn(database, settings);
  } finally {
    await database.close();
  }
}

const commands: Record<string, Command> = {
  serve: {
    summary: 'Run the HTTP API and a job worker (applies pending migrations first)',
    usage: 'spokestack-server serve [--port N] [--host H] [--data-dir DIR] [--files-dir DIR] [--drain-timeout S]',
    options: {
      port: { type: 'string', short: 'p' },
      host: { type: 'string' },
      'files-dir': { type: 'string' },
      'drain-timeout': { type: 'string' },
      ...dataDirOption,
    },
    help: [
      '  -p, --port N      TCP port (default $PORT or 4000; 0 picks a free one)',
      '  --host H          Interface to listen on (default 127.0.0.1; 0.0.0.0 in containers)',
      ...dataDirHelp,
      '  --files-dir DIR   Where uploaded files are stored (default DATA_DIR/files) unless S3_BUCKET is set',
      '  --drain-timeout S On SIGTERM, seconds requests in flight get to finish (default $SPOKESTACK_DRAIN_TIMEOUT',
      '                    or 10); /ready answers 503 meanwhile. A second SIGTERM exits at once',
    ],
    notes: [
      ...databaseEnv,
      '  SPOKESTACK_SECRET     signing secret, at least 32 characters, the same on every instance;',
      '                        required with DATABASE_URL (else generated once into DATA_DIR/secret)',
      '  S3_BUCKET             store files in S3 or an S3-compatible store (S3_ENDPOINT, S3_REGION, S3_PREFIX)',
      '  SPOKESTACK_LOG_LEVEL  debug, info (default), warn or error',
      '  SPOKESTACK_ENCRYPTION_KEYS  id:base64key,… for secrets at rest (default: derived from the secret)',
      '  SPOKESTACK_TRUST_PROXY      your proxies (10.0.0.0/8,…) whose X-Forwarded-For names the client; 1: any peer',
      '  SPOKESTACK_WEBHOOK_ALLOW_PRIVATE  1: webhooks may target loopback and private networks (default: refused)',
      '  SPOKESTACK_DRAIN_TIMEOUT  default of --drain-timeout, in seconds',
    ],
    async run(values) {
      const port = parsePort(values.port ?? process.env.PORT ?? '4000');
      const drainTimeout = Number(values['drain-timeout'] ?? (process.env.SPOKESTACK_DRAIN_TIMEOUT || '10'));
      if (!(drainTimeout >= 0 && drainTimeout <= 3600)) throw new UsageError('--drain-timeout must be a number of seconds from 0 to 3600');
      const { startServer } = await import('./serve.js');
      const server = await startServer({
        port,
        host: values.host as string | undefined,
        dataDir: values['data-dir'] as string | undefined,
        filesDir: values['files-dir'] as string | undefined,
        drainTimeoutMs: drainTimeout * 1000,
      });
      console.log(`SpokeStack server listening on ${server.url} (${server.description}); API reference at ${server.url}/docs`);
      await new Promise<void>((done) => {
        let stopping = false;
        const stop = (signal: NodeJS.Signals) => {
          if (stopping) {
            console.error(`Received ${signal} again; exiting without waiting`);
            process.exit(1);
          }
          stopping = true;
          console.error(`Received ${signal}; finishing requests and jobs in flight (up to ${drainTimeout} s), then closing the database…`);
          const started = Date.now();
          const exit = () => {
            console.error(`Shut down in ${((Date.now() - started) / 1000).toFixed(1)} s`);
            // Whatever still holds the event loop after the shutdown (a stuck socket, a child) must not keep the process.
            setTimeout(() => process.exit(), 2_000).unref();
            done();
          };
          server.close().then(exit, (error: unknown) => {
            console.error(error);
            process.exitCode = 1;
            exit();
          });
        };
        process.on('SIGINT', stop);
        process.on('SIGTERM', stop);
      });
    },
  },
  migrate: {
    summary: 'Apply pending database migrations, then exit',
    usage: 'spokestack-server migrate [--data-dir DIR]',
    options: { ...dataDirOption },
    help: [...dataDirHelp],
    notes: databaseEnv,
    async run(values) {
      const { describeDatabase } = await import('./serve.js');
      await withDatabase(values, async (_database, settings) => {
        console.log(`Migrations applied to ${describeDatabase(settings)}`);
      });
    },
  },
  'create-org': {
    summary: 'Create an organization and print its first API key',
    usage: 'spokestack-server create-org --name NAME [--slug SLUG] [--json] [--data-dir DIR]',
    options: { name: { type: 'string' }, slug: { type: 'string' }, json: { type: 'boolean' }, ...dataDirOption },
    help: [
      "  --name NAME       The organization's name (required)",
      '  --slug SLUG       URL-safe identifier (default: from the name, made unique)',
      '  --json            Print only { "organizationId", "apiKey" } as JSON',
      ...dataDirHelp,
    ],
    notes: databaseEnv,
    async run(values) {
      const name = typeof values.name === 'string' ? values.name.trim() : '';
      if (!name) throw new UsageError('--name is required, e.g. create-org --name "Acme Agency"');
      const { createOrganization } = await import('./platform/organizations.js');
      const { organization, apiKey } = await withDatabase(values, (database) =>
        createOrganization(database.db, { name, slug: values.slug as string | undefined }),
      );
      if (values.json) console.log(JSON.stringify({ organizationId: organization.id, apiKey }));
      else
        console.log(
          [
            `Created organization "${organization.name}" (id ${organization.id}, slug ${organization.slug}).`,
            '',
            `API key: ${apiKey}`,
            '',
            'Keep it now: it is stored hashed and never shown again.',
          ].join('\n'),
        );
    },
  },
  'seed-demo': {
    summary: 'Fill an empty database with the demo agency "Northwind Creative" and print its API keys',
    usage: 'spokestack-server seed-demo [--json] [--data-dir DIR]',
    options: { json: { type: 'boolean' }, ...dataDirOption },
    help: ['  --json            Print only { "organizationId", "apiKey", "publishableKey", "seeded" } as JSON', ...dataDirHelp],
    notes: [
      ...databaseEnv,
      "  SPOKESTACK_SECRET, SPOKESTACK_ENCRYPTION_KEYS  as for serve: the demo's credentials are sealed under them",
      '',
      'Changes no data when the demo organization exists; it then prints the keys kept in',
      'DATA_DIR/demo-key and DATA_DIR/demo-publishable-key, or mints new ones when none is kept',
      '(always, with DATABASE_URL).',
    ],
    async run(values) {
      const { deliveryCurl, ensureDemo } = await import('./demo/index.js');
      const { loadSecret, openStorage } = await import('./serve.js');
      const demo = await withDatabase(values, async (database, settings) =>
        ensureDemo(database.db, {
          storage: (await openStorage(settings)).storage,
          // The serving app's secret and keys, so the credentials the demo stores open there.
          secret: await loadSecret(settings),
          encryptionKeys: settings.env.SPOKESTACK_ENCRYPTION_KEYS,
          dataDir: settings.databaseUrl ? undefined : settings.dataDir,
        }),
      );
      if (values.json) {
        const { organizationId, apiKey, publishableKey, seeded } = demo;
        console.log(JSON.stringify({ organizationId, apiKey, publishableKey, seeded }));
        return;
      }
      const what = demo.seeded
        ? `Seeded the demo organization "Northwind Creative" (id ${demo.organizationId}).`
        : `The demo organization already exists (id ${demo.organizationId}); its data was left as it is.${
            demo.mintedKey ? ' Minted a ' + 'new "Demo key" for it.' : ''
          }`;
      // `serve` listens on $PORT or 4000, which is where the pasted curl then finds it.
      const apiUrl = `http://localhost:${process.env.PORT ?? '4000'}`;
      console.log(
        [
          what,
          '',
          `API key:          ${demo.apiKey}   (secret: server side only)`,
          `Publishable key:  ${demo.publishableKey}   (read-only: published content, safe in a public site)`,
          '',
          'With `spokestack-server serve` running, read the published blog posts through the delivery API:',
          '',
          `  ${deliveryCurl(apiUrl, demo.publishableKey)}`,
        ].join('\n'),
      );
    },
  },
  'secrets reencrypt': {
    summary: 'Re-encrypt every stored secret under the current encryption key (after adding a key)',
    usage: 'spokestack-server secrets reencrypt [--data-dir DIR]',
    options: { ...dataDirOption },
    help: [...dataDirHelp],
    notes: [
      ...databaseEnv,
      '  SPOKESTACK_SECRET           the server secret (its derived key reads values sealed before keys were set)',
      '  SPOKESTACK_ENCRYPTION_KEYS  id:base64key,… of 32-byte keys, the first one current',
      '',
      'To rotate: put a new key first in SPOKESTACK_ENCRYPTION_KEYS on every instance, run this,',
      'then drop the old key. Plaintext left from before encryption is sealed too.',
    ],
    async run(values) {
      const { loadSecret } = await import('./serve.js');
      const { appKeyRing, secretBox } = await import('./platform/secrets.js');
      const { reencryptSecrets } = await import('./reencrypt.js');
      const result = await withDatabase(values, async (database, settings) => {
        const box = secretBox(appKeyRing(await loadSecret(settings), settings.env.SPOKESTACK_ENCRYPTION_KEYS));
        return reencryptSecrets(database.db, box);
      });
      console.log(`Re-encrypted ${result.rewritten} value(s) in ${result.columns.join(', ')}`);
    },
  },
};

function parsePort(value: unknown): number {
  const port = Number(value);
  if (!Number.isInteger(port) || port < 0 || port > 65_535)
    throw new UsageError(`--port must be a whole number from 0 to 65535, not "${String(value)}"`);
  return port;
}

function usage(): string {
  const width = Math.max(...Object.keys(commands).map((name) => name.length));
  return [
    'Usage: spokestack-server <command> [options]',
    '',
    'Commands:',
    ...Object.entries(commands).map(([name, command]) => `  ${name.padEnd(width)}  ${command.summary}`),
    '',
    'Run `spokestack-server <command> --help` for the options of a command.',
  ].join('\n');
}

function commandHelp(command: Command): string {
  return [
    `Usage: ${command.usage}`,
    '',
    command.summary + '.',
    '',
    'Options:',
    ...command.help,
    '  -h, --help        Show this help',
    ...(command.notes ? ['', ...command.notes] : []),
  ].join('\n');
}

/**
 * Runs the CLI with the given arguments and returns the exit code. Operator mistakes (unknown options,
 * a missing secret, a port in use) print one line to stderr and exit 1; anything else prints its stack.
 *
 * @example process.exitCode = await main(['migrate', '--data-dir', '/var/lib/spokestack'])
 */
export async function main(argv: string[]): Promise<number> {
  // Two-word commands (`secrets reencrypt`) are looked up by both words.
  const [first, ...others] = argv;
  const [name, rest] =
    first && others[0] && `${first} ${others[0]}` in commands ? [`${first} ${others[0]}`, others.slice(1)] : [first, others];
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    console.log(usage());
    return name ? 0 : 1;
  }
  const command = commands[name];
  if (!command) {
    console.error(`spokestack-server: unknown command "${name}"\n\n${usage()}`);
    return 1;
  }
  try {
    const { values } = parseArgs({
      args: rest,
      options: { ...command.options, help: { type: 'boolean', short: 'h' } },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      console.log(commandHelp(command));
      return 0;
    }
    await command.run(values);
    return process.exitCode === undefined ? 0 : Number(process.exitCode);
  } catch (error) {
    // ConfigError (from serve.js): a setting the operator can fix, such as a missing secret.
    const config = error instanceof Error && error.name === 'ConfigError';
    const usage =
      error instanceof UsageError || (error instanceof TypeError && 'code' in error && String(error.code).startsWith('ERR_PARSE_ARGS'));
    if (config || usage) {
      console.error(`spokestack-server ${name}: ${(error as Error).message}`);
      if (usage) console.error(`Run \`spokestack-server ${name} --help\` for its options.`);
      return 1;
    }
    console.error(error);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
