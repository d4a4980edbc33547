import { forwardRef, lazy, Suspense } from 'react';
import { Spinner } from '../ui/Spinner.js';
import type { ImportWizardProps } from './ImportWizard.js';

// The wizard is a separate chunk, fetched when a page first renders it: a dashboard that never imports does not
// download it (the `/analytics` bundle budget counts only what loads up front; bench/bundles.ts).
const Wizard = lazy(() => import('./ImportWizard.js').then((module) => ({ default: module.ImportWizard })));

/**
 * Imports a Meta Ads Manager or Google Ads CSV export into an ad account: the file, the platform the server
 * detected with its column mapping and first rows (a dry run), then the import with progress, its counts and the
 * refused lines. Its code loads on first render (a spinner until then).
 *
 * @example <ImportWizard platformId={connection.id} onImported={(result) => toast(`${result.rows} lines imported`)} />
 */
export const ImportWizard = forwardRef<HTMLElement, ImportWizardProps>(function ImportWizard(props, ref) {
  return (
    <Suspense fallback={<Spinner />}>
      <Wizard ref={ref} {...props} />
    </Suspense>
  );
});
