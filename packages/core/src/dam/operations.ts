// Every DAM operation, by name: what the server routes and the SDK calls.
import { folderOps } from './folders.js';
import { linkOps } from './links.js';
import { versionOps } from './versions.js';
import { tusOps, uploadOps } from './uploads.js';

export const damOps = {
  ...uploadOps,
  ...tusOps,
  ...linkOps,
  ...folderOps,
  ...versionOps,
};
