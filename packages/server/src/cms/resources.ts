import * as t from './schema.js';

/** CMS tables exposed as resources under `/v1/cms/…`; the key is the SDK name (`sdk.cms.entries`). */
export const cmsTables = {
  contentTypes: t.contentTypes,
  entries: t.contentEntries,
  versions: t.contentVersions,
  localizations: t.contentLocalizations,
  tags: t.contentTags,
  categories: t.contentCategories,
  media: t.contentMedia,
  workflows: t.contentWorkflows,
  revisions: t.contentRevisions,
  comments: t.contentComments,
  schedules: t.publishSchedules,
  templates: t.pageTemplates,
  blocks: t.contentBlocks,
  briefLinks: t.briefContentLinks,
  webhooks: t.webhookEndpoints,
};
