import { schema } from '@spokestack/server';
import { assertSamePage, columnsOf, defineScenario, newestFirstPage } from './scenario.js';

const pageSize = 50;
const { list, toApi } = columnsOf(schema.assets);
const tagWords = `array[${[
  'summer',
  'winter',
  'beach',
  'city',
  'product',
  'team',
  'launch',
  'social',
  'print',
  'hero',
  'portrait',
  'food',
  'travel',
  'studio',
  'outdoor',
  'night',
  'logo',
  'event',
  'retail',
  'campaign',
]
  .map((w) => `'${w}'`)
  .join(',')}]`;
const types = ['IMAGE_PHOTO', 'IMAGE_GRAPHIC'];

/**
 * `GET /v1/dam/search?tags=summer&assetType=IMAGE_PHOTO,IMAGE_GRAPHIC&folderId=…`: the first page of the
 * newest photos and graphics tagged "summer" in one folder and its subfolders, among 100,000 assets in 110
 * folders, against the same filter and order written by hand (the subtree by a join on the path prefix)
 * through bare postgres.js.
 *
 * EXPLAIN ANALYZE on PostgreSQL 15 with these rows: this search and the baseline take the same plan (the
 * subtree's folder ids, then a bitmap scan of `assets_folder_id_idx` per folder, ~45 ms); a search with words
 * (`q=summer`) takes a BitmapOr of `assets_search_idx` (the document expression) and `assets_name_trgm_idx`.
 */
export default defineScenario({
  name: 'dam: search tag + type + folder subtree',
  target: 0.7,
  async setup({ sql, organizationId, entries }) {
    const library = 'benchlibrary00000000000a';
    await sql.unsafe(
      `insert into asset_libraries (id, organization_id, name, slug, created_by_id) values ($2, $1, 'Brand', 'brand', 'bench')`,
      [organizationId, library],
    );
    // 10 campaign folders with 10 shoots each: the search asks for one campaign, its own assets and its shoots'.
    await sql.unsafe(
      `insert into asset_folders (id, organization_id, library_id, parent_id, name, slug, path, depth, created_by_id)
       select 'benchfolder' || c, $1, $2, null, 'Campaign ' || c, 'campaign-' || c, 'campaign-' || c, 0, 'bench'
       from generate_series(0, 9) c`,
      [organizationId, library],
    );
    await sql.unsafe(
      `insert into asset_folders (id, organization_id, library_id, parent_id, name, slug, path, depth, created_by_id)
       select 'benchfolder' || c || '-' || s, $1, $2, 'benchfolder' || c, 'Shoot ' || s, 'shoot-' || s,
         'campaign-' || c || '/shoot-' || s, 1, 'bench'
       from generate_series(0, 9) c, generate_series(0, 9) s`,
      [organizationId, library],
    );
    await sql.unsafe(
      `insert into files (id, organization_id, name, mime_type, size, storage_key, width, height)
       select 'benchfile' || i, $1, 'photo-' || i || '.jpg', 'image/jpeg', 200000 + i, 'bench/' || i, 1200, 800
       from generate_series(1, ${entries}) i`,
      [organizationId],
    );
    // One INSERT … SELECT: varied types, folders (a tenth at a campaign's root), tags, sizes and AI labels.
    await sql.unsafe(
      `insert into assets (id, organization_id, library_id, folder_id, file_id, name, slug, asset_type, metadata,
         ai_metadata, tags, status, created_by_id, created_at, updated_at)
       select 'b' || substr(md5('asset' || i), 1, 23), $1, $2,
         case when i % 11 = 0 then 'benchfolder' || (i / 7) % 10 else 'benchfolder' || (i / 7) % 10 || '-' || i % 10 end,
         'benchfile' || i, 'Photo ' || i, 'photo-' || i,
         (array['IMAGE_PHOTO','IMAGE_PHOTO','IMAGE_GRAPHIC','VIDEO_EDITED','DOC_PRESENTATION'])[1 + i % 5]::asset_type,
         jsonb_build_object('width', case i % 3 when 0 then 1200 else 800 end, 'height', case i % 3 when 1 then 1200 else 800 end),
         jsonb_build_object('labels', jsonb_build_array((${tagWords})[1 + (i * 3) % 20]), 'colors', jsonb_build_array('#1e66f5')),
         array[(${tagWords})[1 + (i * 7) % 20], (${tagWords})[1 + (i / 3) % 20]], 'APPROVED', 'bench',
         timestamptz '2025-01-01T00:00:00Z' + i * interval '61 seconds', timestamptz '2025-01-01T00:00:00Z' + i * interval '61 seconds'
       from generate_series(1, ${entries}) as i`,
      [organizationId, library],
    );
    await sql.unsafe('analyze asset_folders');
    await sql.unsafe('analyze assets');
    return { organizationId, folderId: 'benchfolder3' };
  },
  path: ({ folderId }) => `/v1/dam/search?tags=summer&assetType=${types.join(',')}&folderId=${folderId}&limit=${pageSize}`,
  baseline: ({ organizationId, folderId }) => ({
    text:
      `select ${list} from assets where organization_id = $1 and asset_type = any($2::asset_type[]) and tags @> $3::text[] ` +
      `and folder_id in (select d.id from asset_folders f join asset_folders d on d.library_id = f.library_id ` +
      `and (d.path = f.path or starts_with(d.path, f.path || '/')) where f.id = $4 and f.organization_id = $1) ` +
      `order by created_at desc, id desc limit $5`,
    params: [organizationId, types, ['summer'], folderId, pageSize + 1],
    reply: (rows) =>
      newestFirstPage(
        rows.map((row): Record<string, unknown> => ({ ...toApi(row), rank: null })),
        pageSize,
      ),
  }),
  check: (ours, baseline) => assertSamePage('search page', pageSize, ours, baseline),
});
