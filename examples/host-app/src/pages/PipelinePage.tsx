import { useState } from 'react';
import { EmptyState, Spinner, useResourceList, useSpokeStack } from '@spokestack/react';
import { DealDialog, PipelineBoard } from '@spokestack/react/crm';

/**
 * The back office's sales pipeline: the organization's pipelines and the chosen one as a board; a deal's name
 * opens it in a dialog (fields, stage history, contacts). The CRM subpath
 * loads with this page only, and brings no editor, uploader or charts.
 */
export default function PipelinePage() {
  const sdk = useSpokeStack();
  const pipelines = useResourceList(sdk.crm.pipelines, { sort: 'name' });
  const [chosen, setChosen] = useState('');
  const [openDeal, setOpenDeal] = useState<string | null>(null);
  const rows = pipelines.data?.rows ?? [];
  const pipelineId = chosen || (rows.find((p) => p.isDefault) ?? rows[0])?.id;
  if (pipelines.isPending) return <Spinner size="lg" />;
  if (!pipelineId) return <EmptyState title="No pipelines yet" description="Pipelines created through the API show up here." />;
  return (
    <div className="pipeline-page">
      {rows.length > 1 && (
        <label className="content-type-picker">
          <span>Pipeline</span>
          <select value={pipelineId} onChange={(e) => setChosen(e.target.value)}>
            {rows.map((pipeline) => (
              <option key={pipeline.id} value={pipeline.id}>
                {pipeline.name}
              </option>
            ))}
          </select>
        </label>
      )}
      <PipelineBoard key={pipelineId} pipelineId={pipelineId} onOpenDeal={(deal) => setOpenDeal(deal.id)} />
      <DealDialog dealId={openDeal} onOpenChange={(open) => !open && setOpenDeal(null)} />
    </div>
  );
}
