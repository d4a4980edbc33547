import { useState } from 'react';
import { problemTypes, SpokeStackError } from '@spokestack/core';
import {
  Badge,
  Button,
  DataTable,
  type DataTableColumn,
  Dialog,
  EmptyState,
  ErrorState,
  Spinner,
  type Tone,
  useToast,
} from '@spokestack/react';

interface Campaign {
  id: string;
  name: string;
  channel: string;
  budget: string;
}

const campaigns: Campaign[] = Array.from({ length: 12 }, (_, i) => ({
  id: `cmp_${i + 1}`,
  name: ['Spring launch', 'Retargeting', 'Newsletter push', 'Brand awareness'][i % 4]!,
  channel: ['Meta', 'Google Ads', 'Email', 'TikTok'][i % 4]!,
  budget: `${(i + 2) * 1500}.00`,
}));
const columns: DataTableColumn<Campaign>[] = [
  { id: 'name', header: 'Campaign', cell: (c) => c.name },
  { id: 'channel', header: 'Channel', cell: (c) => c.channel },
  { id: 'budget', header: 'Budget', align: 'end', cell: (c) => c.budget },
];
const tones: Tone[] = ['neutral', 'info', 'success', 'warning', 'danger'];
const invalid = new SpokeStackError({
  type: problemTypes.validation,
  title: 'Invalid request',
  status: 400,
  detail: '2 fields are invalid.',
  errors: [
    { path: 'body.email', message: 'Invalid email address' },
    { path: 'body.lastName', message: 'Required' },
  ],
});

/** Every primitive of `@spokestack/react`, live, to check theming and keyboard behaviour in a real host. */
export function ComponentsPage() {
  const { toast } = useToast();
  const [shown, setShown] = useState(4);
  const [loadingMore, setLoadingMore] = useState(false);
  const loadMore = () => {
    setLoadingMore(true);
    setTimeout(() => {
      setShown((n) => n + 4);
      setLoadingMore(false);
    }, 500);
  };

  return (
    <>
      <h1>Components</h1>

      <section className="app-section" aria-labelledby="buttons">
        <h2 id="buttons">Buttons</h2>
        <div className="app-row">
          <Button variant="primary">Primary</Button>
          <Button variant="secondary">Secondary</Button>
          <Button variant="ghost">Ghost</Button>
          <Button variant="danger">Danger</Button>
          <Button loading>Saving…</Button>
          <Button disabled>Disabled</Button>
        </div>
      </section>

      <section className="app-section" aria-labelledby="badges">
        <h2 id="badges">Badges and spinner</h2>
        <div className="app-row">
          {tones.map((tone) => (
            <Badge key={tone} tone={tone}>
              {tone}
            </Badge>
          ))}
          <Spinner />
        </div>
      </section>

      <section className="app-section" aria-labelledby="overlays">
        <h2 id="overlays">Dialog and toasts</h2>
        <div className="app-row">
          <Dialog.Root>
            <Dialog.Trigger asChild>
              <Button variant="secondary">Open dialog</Button>
            </Dialog.Trigger>
            <Dialog.Content>
              <Dialog.Title>Archive campaign?</Dialog.Title>
              <Dialog.Description>It stops spending at once; its reports stay available.</Dialog.Description>
              <div className="app-row app-end">
                <Dialog.Close asChild>
                  <Button variant="ghost">Cancel</Button>
                </Dialog.Close>
                <Dialog.Close asChild>
                  <Button
                    onClick={() =>
                      toast({
                        title: 'Campaign archived',
                        tone: 'success',
                        action: { label: 'Undo', onClick: () => toast({ title: 'Restored' }) },
                      })
                    }
                  >
                    Archive
                  </Button>
                </Dialog.Close>
              </div>
            </Dialog.Content>
          </Dialog.Root>
          <Button variant="secondary" onClick={() => toast({ title: 'Saved', description: 'Your changes are live.', tone: 'success' })}>
            Success toast
          </Button>
          <Button
            variant="secondary"
            onClick={() => toast({ title: 'Upload failed', description: 'The file is larger than 50 MB.', tone: 'danger' })}
          >
            Error toast
          </Button>
        </div>
      </section>

      <section className="app-section" aria-labelledby="table">
        <h2 id="table">Data table</h2>
        <DataTable
          caption="Campaigns"
          columns={columns}
          rows={campaigns.slice(0, shown)}
          hasMore={shown < campaigns.length}
          loadingMore={loadingMore}
          onLoadMore={loadMore}
        />
      </section>

      <section className="app-section app-grid" aria-labelledby="states">
        <h2 id="states">Empty and error states</h2>
        <EmptyState title="No assets yet" description="Upload files to share them with your team." actions={<Button>Upload</Button>} />
        <ErrorState error={invalid} onRetry={() => toast({ title: 'Retrying…', tone: 'info' })} />
      </section>
    </>
  );
}
