import type { Meta, StoryObj } from '@storybook/react-vite';
import { AnalyticsDashboard, DateRangePicker, Widget } from '@spokestack/react/analytics';
import { useState } from 'react';
import type { WidgetDataQuery } from '@spokestack/core/analytics';
import { fakeAnalyticsSdk } from './fake-sdk.js';

/** The saved dashboard on an in-memory story SDK (stories/analytics/fake-sdk.ts); the story's "today" is 2026-09-10. */
const meta = {
  title: 'Analytics/AnalyticsDashboard',
  component: AnalyticsDashboard,
  subcomponents: { DateRangePicker, 'Widget.Root': Widget.Root } as never,
  args: { dashboardId: 'dsh_story', locale: 'en-US' },
  argTypes: { onViewChange: { action: 'view' } },
  parameters: { spokestack: { client: fakeAnalyticsSdk() } },
} satisfies Meta<typeof AnalyticsDashboard>;

export default meta;
type Story = StoryObj<typeof meta>;

/** KPI tiles with their change against the previous period, then line, pie, bar and area charts, over 120 days of data. */
export const Default: Story = {};

/** Two years of data over the last 90 days, by week and by campaign. */
export const TwoYears: Story = {
  args: { defaultView: { dateRange: 'last_90_days' } },
  parameters: { spokestack: { client: fakeAnalyticsSdk({ days: 730 }) } },
};

/** The account started yesterday: one day of figures, and nothing to compare with. */
export const OneDay: Story = {
  args: { defaultView: { dateRange: 'last_7_days' } },
  parameters: { spokestack: { client: fakeAnalyticsSdk({ days: 1 }) } },
};

/** Yesterday spent nothing: its ratios read "—", never NaN or Infinity. */
export const ZeroSpendDay: Story = {
  args: { defaultView: { from: '2026-09-09', to: '2026-09-09', compare: false } },
  parameters: { spokestack: { client: fakeAnalyticsSdk({ zeroSpendDay: true }) } },
};

/** Narrowed to one platform (the filters change this view only; a client's dashboard offers no client filter). */
export const MetaOnly: Story = { args: { defaultView: { platform: 'META_ADS' } } };

/** Widgets, but nothing imported yet. */
export const NoDataYet: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ noData: true }) } } };

/** A dashboard without widgets. */
export const Empty: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ noWidgets: true }) } } };

/** The dashboard and its widgets are on their way. */
export const Loading: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ hang: true }) } } };

/** The dashboard could not load; Try again asks once more. */
export const Error: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ offline: true }) } } };

/** Opened through a public share link (`share={token}`): read-only, every widget from one request, no credentials. */
export const SharedLink: Story = { args: { dashboardId: undefined, share: 'ds_story' } as never };

/** A client's member: their own figures, "View only", and a picker that changes only their view. */
export const ClientReadOnly: Story = { parameters: { spokestack: { client: fakeAnalyticsSdk({ role: 'CLIENT' }) } } };

/** The picker on its own, with custom days. */
export const Picker: Story = {
  render: function PickerStory() {
    const [view, setView] = useState<WidgetDataQuery>({ from: '2026-08-01', to: '2026-08-31' });
    return <DateRangePicker value={view} onChange={setView} />;
  },
};
