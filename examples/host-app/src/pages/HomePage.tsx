import type { Client } from '@spokestack/core';
import {
  Badge,
  Button,
  DataTable,
  type DataTableColumn,
  EmptyState,
  ErrorState,
  Spinner,
  useMe,
  useResourceList,
  useSpokeStack,
} from '@spokestack/react';

const clientColumns: DataTableColumn<Client>[] = [
  { id: 'name', header: 'Client', cell: (client) => client.name },
  { id: 'industry', header: 'Industry', cell: (client) => client.industry ?? '—' },
  {
    id: 'status',
    header: 'Status',
    cell: (client) => <Badge tone={client.isActive ? 'success' : 'neutral'}>{client.isActive ? 'Active' : 'Inactive'}</Badge>,
  },
];

export function HomePage({ onChangeKey }: { onChangeKey: () => void }) {
  const me = useMe();

  if (me.isPending) {
    return (
      <p className="app-center">
        <Spinner size="lg" overrides={{ label: 'Connecting…' }} />
      </p>
    );
  }
  if (me.isError) {
    const rejected = me.error.status === 401 || me.error.status === 403;
    return (
      <section className="app-section">
        <ErrorState error={me.error} onRetry={rejected ? undefined : () => me.refetch()} retrying={me.isRefetching} />
        {rejected && (
          <p className="app-center">
            <Button onClick={onChangeKey}>Use another key</Button>
          </p>
        )}
      </section>
    );
  }

  const { actor, organizationId } = me.data;
  return (
    <>
      <section className="app-section">
        {/* An API key is not a person: name the key, and let the role below say what it may do. */}
        <h1>{actor.type === 'user' ? `Welcome, ${actor.name}` : `Signed in with the API key “${actor.name}”`}</h1>
        <dl className="app-facts">
          <div>
            <dt>Organization</dt>
            <dd>
              <code>{organizationId}</code>
            </dd>
          </div>
          <div>
            <dt>Signed in as</dt>
            <dd>{actor.type === 'user' ? 'User' : 'API key'}</dd>
          </div>
          <div>
            <dt>Role</dt>
            <dd>
              <Badge tone={actor.role === 'CLIENT' ? 'warning' : 'info'}>{actor.role}</Badge>
            </dd>
          </div>
        </dl>
      </section>
      <Clients />
    </>
  );
}

function Clients() {
  const sdk = useSpokeStack();
  const clients = useResourceList(sdk.platform.clients, { sort: 'name', limit: 10 });
  return (
    <section className="app-section">
      <h2>Clients</h2>
      {clients.isError ? (
        <ErrorState error={clients.error} onRetry={() => clients.refetch()} retrying={clients.isRefetching} />
      ) : (
        <DataTable
          columns={clientColumns}
          rows={clients.data?.rows ?? []}
          loading={clients.isPending}
          hasMore={clients.hasNextPage}
          loadingMore={clients.isFetchingNextPage}
          onLoadMore={() => clients.fetchNextPage()}
          empty={<EmptyState title="No clients yet" description="Clients your agency works for show up here." />}
        />
      )}
    </section>
  );
}
