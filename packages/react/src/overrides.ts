import { createContext, useContext, useMemo } from 'react';
import type { ImportWizardStrings } from './analytics/import-strings.js';
import type { AnalyticsDashboardStrings } from './analytics/strings.js';
import type { AssetBrowserStrings, AssetPickerStrings, SharedAssetStrings, ShareDialogStrings } from './dam/strings.js';
import type {
  ContactImportStrings,
  ContactTimelineStrings,
  DealDialogStrings,
  ListEditorStrings,
  PipelineBoardStrings,
  SegmentBuilderStrings,
  TaskListStrings,
} from './crm/strings.js';
import type { ContentListStrings } from './cms/ContentList.js';
import type { ContentEditorStrings } from './cms/strings.js';
import type { MediaStrings } from './platform/strings.js';
import type { DataTableStrings } from './ui/DataTable.js';
import type { ErrorStateStrings } from './ui/ErrorState.js';
import type { SpinnerStrings } from './ui/Spinner.js';
import type { ToasterStrings } from './ui/Toast.js';

/**
 * The one registry of UI strings: every component's strings under its name. A component's `overrides` prop is
 * `Partial<OverridesRegistry[name]>`, and `<SpokeStackProvider overrides>` takes any of them at once. A feature
 * adds its components' lines here (type imports only: no feature code enters the root bundle).
 */
export interface OverridesRegistry {
  spinner: SpinnerStrings;
  errorState: ErrorStateStrings;
  dataTable: DataTableStrings;
  toaster: ToasterStrings;
  /** The file UI: uploader, media library, picker. */
  media: MediaStrings;
  contentEditor: ContentEditorStrings;
  contentList: ContentListStrings;
  /** The analytics dashboard and its date-range picker. */
  analyticsDashboard: AnalyticsDashboardStrings;
  /** The report import wizard (Meta Ads and Google Ads CSV exports). */
  importWizard: ImportWizardStrings;
  /** The asset browser, its upload panel and detail dialog. */
  assetBrowser: AssetBrowserStrings;
  shareDialog: ShareDialogStrings;
  sharedAsset: SharedAssetStrings;
  assetPicker: AssetPickerStrings;
  /** The CRM pipeline board, its lost-reason dialog and its drag and drop announcements. */
  pipelineBoard: PipelineBoardStrings;
  dealDialog: DealDialogStrings;
  contactTimeline: ContactTimelineStrings;
  contactImport: ContactImportStrings;
  taskList: TaskListStrings;
  /** The segment builder (rules with a live count) and the dynamic list editor around it. */
  segmentBuilder: SegmentBuilderStrings;
  listEditor: ListEditorStrings;
}

/**
 * Strings to replace everywhere below a `SpokeStackProvider`, by component (i18n, or your product's wording).
 *
 * @example <SpokeStackProvider client={sdk} overrides={{ contentEditor: { save: 'Enregistrer' }, spinner: { label: 'Chargement…' } }}>
 */
export type Overrides = { [Name in keyof OverridesRegistry]?: Partial<OverridesRegistry[Name]> };

/** The provider's `overrides`. */
export const OverridesContext = createContext<Overrides>({});

/**
 * A component's strings in effect: its defaults, then the provider's `overrides[name]`, then its own `overrides`
 * prop, the nearest winning.
 *
 * @example const t = useOverrides('spinner', spinnerStrings, props.overrides)
 */
export function useOverrides<Name extends keyof OverridesRegistry>(
  name: Name,
  defaults: OverridesRegistry[Name],
  own?: Partial<OverridesRegistry[Name]>,
): OverridesRegistry[Name] {
  const provided = useContext(OverridesContext)[name];
  return useMemo(() => (provided || own ? { ...defaults, ...provided, ...own } : defaults), [defaults, provided, own]);
}
