// Every DAM operation, by name: what the server routes and the SDK calls.
import { tusOps, uploadOps } from './uploads.js';

export const damOps = {
  ...uploadOps,
  ...tusOps,
};
