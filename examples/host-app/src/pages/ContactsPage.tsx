import { useState } from 'react';
import { Button, Dialog, EmptyState, Spinner } from '@spokestack/react';
import { ContactImport, ContactTimeline, ListEditor, TaskList, useContacts } from '@spokestack/react/crm';

/**
 * The back office's contacts: "Import contacts" and "New segment" (a dynamic list built with a live count) buttons,
 * my open tasks, the list, and the chosen contact's timeline beside it.
 */
export default function ContactsPage() {
  return (
    <>
      <Dialog.Root>
        <Dialog.Trigger asChild>
          <Button className="contacts-import">Import contacts</Button>
        </Dialog.Trigger>
        <Dialog.Content aria-describedby={undefined}>
          <Dialog.Title className="app-visually-hidden">Import contacts</Dialog.Title>
          <ContactImport />
        </Dialog.Content>
      </Dialog.Root>
      <Dialog.Root>
        <Dialog.Trigger asChild>
          <Button variant="secondary" className="contacts-segment">
            New segment
          </Button>
        </Dialog.Trigger>
        <Dialog.Content aria-describedby={undefined} className="contacts-segment-dialog">
          <Dialog.Title className="app-visually-hidden">New segment</Dialog.Title>
          <ListEditor />
        </Dialog.Content>
      </Dialog.Root>
      <TaskList className="contacts-tasks" />
      <ContactList />
    </>
  );
}

function ContactList() {
  const contacts = useContacts({ limit: 100 });
  const [chosen, setChosen] = useState<string | null>(null);
  const rows = contacts.data?.rows ?? [];
  if (contacts.isPending) return <Spinner size="lg" />;
  if (!rows.length) return <EmptyState title="No contacts yet" description="Contacts created or imported show up here." />;
  const contactId = chosen ?? rows[0]!.id;
  const nameOf = (c: (typeof rows)[number]) => [c.firstName, c.lastName].filter(Boolean).join(' ') || c.email || c.id;
  return (
    <div className="contacts-page">
      <nav aria-label="Contacts" className="contacts-list">
        <ul>
          {rows.map((contact) => (
            <li key={contact.id}>
              <button type="button" aria-current={contact.id === contactId || undefined} onClick={() => setChosen(contact.id)}>
                <strong>{nameOf(contact)}</strong>
                <span>{[contact.jobTitle, contact.companyName].filter(Boolean).join(' · ') || contact.email}</span>
              </button>
            </li>
          ))}
        </ul>
      </nav>
      <ContactTimeline key={contactId} contactId={contactId} />
    </div>
  );
}
