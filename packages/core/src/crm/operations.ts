// Every CRM operation with rules beyond plain CRUD, by name: what the server routes and the SDK calls.
import { contactOps } from './contacts.js';

export const crmOps = {
  ...contactOps,
};
