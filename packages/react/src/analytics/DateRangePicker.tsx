import { type ComponentPropsWithoutRef, forwardRef, useId } from 'react';
import type { WidgetDataQuery } from '@spokestack/core/analytics';
import { useOverrides } from '../overrides.js';
import type { ClassNames } from '../ui/utils.js';
import { type AnalyticsDashboardStrings, analyticsDashboardStrings, presets } from './strings.js';

export interface DateRangePickerProps extends Omit<ComponentPropsWithoutRef<'fieldset'>, 'onChange' | 'defaultValue'> {
  /** The picked range: a preset, fixed days (`from`/`to`), or `{}` for each widget's saved range. */
  value: WidgetDataQuery;
  /** Called with the new range on every change. */
  onChange: (value: WidgetDataQuery) => void;
  /** Class name of the root element. */
  className?: string;
  /** Class names of the inner parts. */
  classNames?: ClassNames<'preset' | 'days' | 'compare'>;
  /** Replacements for the built-in strings (i18n). */
  overrides?: Partial<AnalyticsDashboardStrings>;
}

const today = () => new Date().toISOString().slice(0, 10);

/**
 * A date range for every widget of a dashboard: "as saved", a preset (last 7/30/90 days, this or last
 * month) or custom days, and whether to compare with the previous period. Plain form controls, so it
 * works by keyboard and with every screen reader.
 *
 * @example
 * const [view, setView] = useState<WidgetDataQuery>({ dateRange: 'last_30_days' })
 * <DateRangePicker value={view} onChange={setView} />
 */
export const DateRangePicker = forwardRef<HTMLFieldSetElement, DateRangePickerProps>(function DateRangePicker(
  { value, onChange, className, classNames, overrides, ...props },
  ref,
) {
  const t = useOverrides('analyticsDashboard', analyticsDashboardStrings, overrides);
  const id = useId();
  const custom = value.from !== undefined;
  const choice = custom ? 'custom' : (value.dateRange ?? '');
  const pick = (next: string) => {
    const compare = value.compare === undefined ? {} : { compare: value.compare };
    if (next === 'custom') {
      const to = value.to ?? today();
      onChange({ ...compare, from: value.from ?? `${to.slice(0, 8)}01`, to });
    } else onChange({ ...compare, ...(next && { dateRange: next as NonNullable<WidgetDataQuery['dateRange']> }) });
  };
  return (
    <fieldset
      ref={ref}
      {...props}
      data-scope="date-range-picker"
      data-part="root"
      data-state={custom ? 'custom' : 'preset'}
      className={className}
    >
      <legend data-scope="date-range-picker" data-part="legend">
        {t.range}
      </legend>
      <select
        aria-label={t.range}
        value={choice}
        onChange={(e) => pick(e.target.value)}
        data-scope="date-range-picker"
        data-part="preset"
        className={classNames?.preset}
      >
        <option value="">{t.saved}</option>
        {presets.map((preset) => (
          <option key={preset} value={preset}>
            {t[preset]}
          </option>
        ))}
        <option value="custom">{t.custom}</option>
      </select>
      {custom && (
        <span data-scope="date-range-picker" data-part="days" className={classNames?.days}>
          <label htmlFor={`${id}-from`}>{t.from}</label>
          <input
            id={`${id}-from`}
            type="date"
            value={value.from}
            max={value.to}
            required
            onChange={(e) => e.target.value && onChange({ ...value, from: e.target.value })}
          />
          <label htmlFor={`${id}-to`}>{t.to}</label>
          <input
            id={`${id}-to`}
            type="date"
            value={value.to}
            min={value.from}
            required
            onChange={(e) => e.target.value && onChange({ ...value, to: e.target.value })}
          />
        </span>
      )}
      <label data-scope="date-range-picker" data-part="compare" className={classNames?.compare}>
        <input type="checkbox" checked={value.compare !== false} onChange={(e) => onChange({ ...value, compare: e.target.checked })} />
        {t.compare}
      </label>
    </fieldset>
  );
});
