// Every DAM operation, by name: what the server routes and the SDK calls.
import { uploadOps } from './uploads.js';

export const damOps = {
  ...uploadOps,
};
