import { createStore, type StoreApi } from 'zustand';

/** The selection of an asset grid: which ids are selected, the focused index and the anchor of Shift ranges. */
export interface SelectionState {
  selected: ReadonlySet<string>;
  /** The index the keyboard is on (the grid's active descendant). */
  active: number;
  /** Where a Shift range starts. */
  anchor: number;
  /** Selects exactly these ids. */
  set(ids: Iterable<string>, active?: number): void;
  /** Adds or removes one id, moving the anchor to it. */
  toggle(id: string, index: number): void;
  /** Selects every id between the anchor and `index` (inclusive), of `ids` in display order. */
  range(ids: readonly string[], index: number, add: boolean): void;
  /** Moves the focus without changing the selection. */
  focus(index: number): void;
}

/**
 * A selection store per grid instance (two browsers on one page never share a selection).
 *
 * @example const store = useState(createSelectionStore)[0]; store.getState().toggle(asset.id, 3)
 */
export function createSelectionStore(): StoreApi<SelectionState> {
  return createStore<SelectionState>((setState, get) => ({
    selected: new Set(),
    active: 0,
    anchor: 0,
    set: (ids, active) => setState((s) => ({ selected: new Set(ids), active: active ?? s.active, anchor: active ?? s.anchor })),
    toggle: (id, index) => {
      const selected = new Set(get().selected);
      if (!selected.delete(id)) selected.add(id);
      setState({ selected, active: index, anchor: index });
    },
    range: (ids, index, add) => {
      const { anchor, selected } = get();
      const [from, to] = anchor <= index ? [anchor, index] : [index, anchor];
      const next = new Set(add ? selected : []);
      for (const id of ids.slice(from, to + 1)) next.add(id);
      setState({ selected: next, active: index });
    },
    focus: (index) => setState({ active: index }),
  }));
}
