// `@spokestack/react/analytics`: the analytics dashboard, its widget parts and the analytics data hooks. A
// separate entry point, so Recharts is downloaded only by pages that show charts.
export { AnalyticsDashboard, type AnalyticsDashboardProps } from './AnalyticsDashboard.js';
export { DateRangePicker, type DateRangePickerProps } from './DateRangePicker.js';
export type { ImportWizardProps } from './ImportWizard.js';
export { ImportWizard } from './LazyImportWizard.js';
export * as Widget from './Widget.js';
export type { WidgetContextValue } from './Widget.js';
export { analyticsKeys, useDashboard, useDashboardWidgets, useSharedDashboard, useWidgetData, type Analytics } from './hooks.js';
export { changeTone, formatChange, formatMetric, noValue } from './format.js';
export { analyticsDashboardStrings, metricLabels, presetLabels, type AnalyticsDashboardStrings } from './strings.js';
// The wizard's defaults stay in its chunk; its strings' type is here for `overrides`.
export type { ImportWizardStrings } from './import-strings.js';
