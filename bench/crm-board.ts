import { defineScenario } from './scenario.js';

// The pipeline board with 2,000 deals: every stage with its count, total and weighted total and its deals in
// board order, as one reply. The baseline is the whole reply built by one hand-written statement (PostgreSQL's
// JSON functions) and sent as it comes: the least work a server can do for the same bytes.

const deals = 2_000;
const pipelineId = 'bench0pipeline0board00001';
const stages = [
  { id: 'lead', name: 'Lead', order: 0, probability: 10 },
  { id: 'qualified', name: 'Qualified', order: 1, probability: 25 },
  { id: 'proposal', name: 'Proposal', order: 2, probability: 50 },
  { id: 'negotiation', name: 'Negotiation', order: 3, probability: 75 },
  { id: 'won', name: 'Won', order: 4, probability: 100, isClosed: true, isWon: true },
  { id: 'lost', name: 'Lost', order: 5, probability: 0, isClosed: true },
];

const iso = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

/** JSON with every object's keys sorted, so replies compare by content (a validated reply lists keys in schema order). */
const canonical = (value: unknown): unknown =>
  Array.isArray(value)
    ? value.map(canonical)
    : value && typeof value === 'object'
      ? Object.fromEntries(
          Object.entries(value)
            .sort(([a], [b]) => a.localeCompare(b))
            .map(([k, v]) => [k, canonical(v)]),
        )
      : value;

/**
 * `GET /v1/crm/pipelines/:id/board`: 2,000 deals over six stages (a few ranked by a drag, the rest by close
 * date), against one `select json_build_object(…)` that builds the same reply in the database.
 */
export const pipelineBoard = defineScenario({
  name: 'crm: board of 2,000 deals',
  async setup({ sql, organizationId }) {
    await sql.unsafe(
      `insert into sales_pipelines (id, organization_id, name, stages, is_default)
       values ($1, $2, 'New business', $3::text::jsonb, true) on conflict do nothing`,
      [pipelineId, organizationId, JSON.stringify(stages)],
    );
    await sql.unsafe(
      `insert into crm_deals (id, organization_id, pipeline_id, name, stage_id, probability, amount, currency, owner_id,
         expected_close_date, board_rank, created_at, updated_at)
       select 'd' || substr(md5('deal' || i), 1, 23), $1, $2, 'Deal ' || i, s.id, s.probability,
         (1000 + (i * 7919) % 90000)::numeric + (i % 100) / 100.0, 'USD', 'owner' || (i % 8),
         case when i % 9 = 0 then null else timestamptz '2026-01-01T00:00:00Z' + (i % 365) * interval '1 day' end,
         case when i % 50 = 0 then i else null end,
         timestamptz '2025-06-01T00:00:00Z' + i * interval '1 minute', timestamptz '2025-06-01T00:00:00Z' + i * interval '1 minute'
       from generate_series(1, ${deals}) as i,
         lateral (select (array['lead','lead','qualified','qualified','proposal','negotiation','won','lost'])[1 + i % 8] as id) pick,
         lateral (select ($3::text::jsonb -> (array_position(array['lead','qualified','proposal','negotiation','won','lost'], pick.id) - 1)
           ->> 'probability')::int as probability, pick.id) s
       on conflict do nothing`,
      [organizationId, pipelineId, JSON.stringify(stages)],
    );
    await sql.unsafe('analyze crm_deals');
    return { organizationId };
  },
  path: () => `/v1/crm/pipelines/${pipelineId}/board`,
  baseline: ({ organizationId }) => ({
    text: `with d as (
        select * from crm_deals where organization_id = $1 and pipeline_id = $2
      ), sums as (
        select stage_id, count(*) as n, round(sum(coalesce(amount, 0)), 2)::text as total,
          round(sum(coalesce(amount, 0) * coalesce(probability, 0) / 100), 2)::text as weighted
        from d group by stage_id
      )
      select json_build_object(
        'pipeline', json_build_object('id', p.id, 'organizationId', p.organization_id, 'name', p.name, 'description', p.description,
          'stages', p.stages, 'isDefault', p.is_default, 'isActive', p.is_active, 'defaultCurrency', p.default_currency,
          'createdAt', ${iso('p.created_at')}, 'updatedAt', ${iso('p.updated_at')}),
        'currency', 'USD',
        'stages', (
          select json_agg(st.value || jsonb_build_object(
            'count', coalesce(sums.n, 0), 'total', coalesce(sums.total, '0.00'), 'weighted', coalesce(sums.weighted, '0.00'),
            'deals', coalesce((
              select jsonb_agg(jsonb_build_object('id', d.id, 'name', d.name, 'stageId', d.stage_id, 'amount', d.amount::text,
                'currency', d.currency, 'probability', d.probability, 'ownerId', d.owner_id,
                'expectedCloseDate', ${iso('d.expected_close_date')}, 'clientId', d.client_id,
                'primaryContactId', d.primary_contact_id, 'updatedAt', ${iso('d.updated_at')})
                order by d.board_rank asc nulls last, d.expected_close_date asc nulls last, d.created_at, d.id)
              from d where d.stage_id = st.value ->> 'id'), '[]'::jsonb)
          ) order by st.n)
          from jsonb_array_elements(p.stages) with ordinality as st(value, n)
          left join sums on sums.stage_id = st.value ->> 'id'),
        'missingRates', '[]'::json) as doc
      from sales_pipelines p where p.organization_id = $1 and p.id = $2`,
    params: [organizationId, pipelineId],
    reply: (rows) => {
      const doc = rows[0]!.doc;
      return typeof doc === 'string' ? JSON.parse(doc) : doc;
    },
  }),
  check(ours, baseline) {
    const a = ours as { stages: { deals: unknown[] }[] };
    const shown = a.stages.reduce((n, s) => n + s.deals.length, 0);
    if (shown !== deals) throw new Error(`expected ${deals} deals on the board, got ${shown}`);
    const [x, y] = [JSON.stringify(canonical(ours)), JSON.stringify(canonical(baseline))];
    if (x !== y) {
      const at = [...x].findIndex((c, i) => c !== y[i]);
      const around = (text: string) => text.slice(at - 120, at + 120);
      throw new Error(`board: our reply and the baseline's differ at ${at}\n  ours:     ${around(x)}\n  baseline: ${around(y)}`);
    }
  },
  target: 0.7,
});
