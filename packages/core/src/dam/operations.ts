// Every DAM operation, by name: what the server routes and the SDK calls.
import { collectionOps } from './collections.js';
import { commentOps } from './comments.js';
import { folderOps } from './folders.js';
import { rightsOps } from './rights.js';
import { searchOps } from './search.js';
import { shareOps } from './shares.js';
import { linkOps } from './links.js';
import { uploadLinkOps } from './upload-links.js';
import { versionOps } from './versions.js';
import { tusOps, uploadOps } from './uploads.js';

export const damOps = {
  ...uploadOps,
  ...tusOps,
  ...linkOps,
  ...uploadLinkOps,
  ...folderOps,
  ...versionOps,
  ...collectionOps,
  ...commentOps,
  ...rightsOps,
  ...searchOps,
  ...shareOps,
};
