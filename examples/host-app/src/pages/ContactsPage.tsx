import { useState } from 'react';
import { EmptyState, Spinner } from '@spokestack/react';
import { ContactTimeline, useContacts } from '@spokestack/react/crm';

/** The back office's contacts: the list, and the chosen contact's timeline beside it. */
export default function ContactsPage() {
  const contacts = useContacts({ limit: 100 });
  const [chosen, setChosen] = useState<string | null>(null);
  const rows = contacts.data?.rows ?? [];
  if (contacts.isPending) return <Spinner size="lg" />;
  if (!rows.length) return <EmptyState title="No contacts yet" description="Contacts created or imported through the API show up here." />;
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
