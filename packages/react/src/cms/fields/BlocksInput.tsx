import { useEffect, useId, useRef, useState } from 'react';
import type { BlockValue } from '@spokestack/core/cms';
import { Button } from '../../ui/Button.js';
import { format, useStrings } from '../strings.js';
import type { FieldInputProps, FieldOf } from './types.js';

type InlineBlock = Extract<BlockValue, { type: string }>;
const isBlock = (v: unknown): v is BlockValue =>
  typeof v === 'object' &&
  v !== null &&
  (typeof (v as { blockId?: unknown }).blockId === 'string' || typeof (v as { type?: unknown }).type === 'string');

let nextKey = 0;
const newKey = () => `block-${++nextKey}`;

/**
 * A list of blocks: inline ones (`{ type, data }`, the data edited as JSON) and references to shared content
 * blocks (`{ blockId }`, shown, not edited here). Blocks are added by type, removed, and moved with buttons, so
 * reordering works from the keyboard.
 *
 * @example <EntryForm.Input as={BlocksInput} />
 */
export function BlocksInput(props: FieldInputProps<FieldOf<'blocks'>>) {
  const { field, value, onChange, id, labelId, describedBy, invalid, readOnly, dir, setLocalError } = props;
  const t = useStrings();
  const blocks = Array.isArray(value) ? value.filter(isBlock) : [];
  // Stable keys per block, so a block's text survives the others moving around it.
  const [keys, setKeys] = useState(() => blocks.map(newKey));
  const stableKeys = keys.length === blocks.length ? keys : blocks.map((_, i) => keys[i] ?? newKey());
  const invalidBlocks = useRef(new Set<string>());
  const [type, setType] = useState(field.blockTypes?.[0] ?? '');

  const set = (next: BlockValue[], nextKeys: string[]) => {
    setKeys(nextKeys);
    onChange(next.length ? next : undefined);
  };
  const move = (index: number, by: number) => {
    const next = [...blocks];
    const order = [...stableKeys];
    next.splice(index + by, 0, ...next.splice(index, 1));
    order.splice(index + by, 0, ...order.splice(index, 1));
    set(next, order);
  };
  const remove = (index: number) => {
    invalidBlocks.current.delete(stableKeys[index]!);
    setLocalError(invalidBlocks.current.size ? format(t.invalidJson, { message: t.blockData }) : null);
    set(
      blocks.filter((_, i) => i !== index),
      stableKeys.filter((_, i) => i !== index),
    );
  };
  const reportJson = (key: string, problem: string | null) => {
    if (problem) invalidBlocks.current.add(key);
    else invalidBlocks.current.delete(key);
    setLocalError(problem ?? (invalidBlocks.current.size ? format(t.invalidJson, { message: t.blockData }) : null));
  };
  const full = field.maxItems !== undefined && blocks.length >= field.maxItems;

  return (
    <div
      role="group"
      id={id}
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      dir={dir}
      data-scope="blocks-field"
      data-part="root"
    >
      {blocks.length > 0 && (
        <ol data-scope="blocks-field" data-part="items">
          {blocks.map((block, index) => (
            <li key={stableKeys[index]} data-scope="blocks-field" data-part="item">
              {'blockId' in block ? (
                <span data-scope="blocks-field" data-part="shared">
                  {format(t.sharedBlock, { id: block.blockId })}
                </span>
              ) : (
                <InlineBlockEditor
                  block={block}
                  readOnly={readOnly}
                  onChange={(next) =>
                    set(
                      blocks.map((b, i) => (i === index ? next : b)),
                      stableKeys,
                    )
                  }
                  onJsonProblem={(problem) => reportJson(stableKeys[index]!, problem)}
                />
              )}
              {!readOnly && (
                <span data-scope="blocks-field" data-part="actions">
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === 0}
                    onClick={() => move(index, -1)}
                    aria-label={`${t.moveUp} (${index + 1})`}
                  >
                    ↑
                  </Button>
                  <Button
                    size="sm"
                    variant="ghost"
                    disabled={index === blocks.length - 1}
                    onClick={() => move(index, 1)}
                    aria-label={`${t.moveDown} (${index + 1})`}
                  >
                    ↓
                  </Button>
                  <Button size="sm" variant="ghost" onClick={() => remove(index)} aria-label={`${t.remove} (${index + 1})`}>
                    ✕
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {!readOnly && !full && (
        <div data-scope="blocks-field" data-part="add">
          {/* biome-ignore lint/a11y/noLabelWithoutControl: the label wraps its select or input */}
          <label>
            <span>{t.blockType}</span>
            {field.blockTypes?.length ? (
              <select value={type} onChange={(e) => setType(e.target.value)}>
                {field.blockTypes.map((blockType) => (
                  <option key={blockType} value={blockType}>
                    {blockType}
                  </option>
                ))}
              </select>
            ) : (
              <input type="text" dir="ltr" value={type} onChange={(e) => setType(e.target.value)} />
            )}
          </label>
          <Button
            size="sm"
            variant="secondary"
            disabled={!type.trim()}
            onClick={() => set([...blocks, { type: type.trim(), data: {} }], [...stableKeys, newKey()])}
          >
            {t.addBlock}
          </Button>
        </div>
      )}
    </div>
  );
}

function InlineBlockEditor({
  block,
  readOnly,
  onChange,
  onJsonProblem,
}: {
  block: InlineBlock;
  readOnly: boolean;
  onChange: (block: InlineBlock) => void;
  onJsonProblem: (problem: string | null) => void;
}) {
  const t = useStrings();
  const dataId = useId();
  const [text, setText] = useState(() => JSON.stringify(block.data, null, 2));
  const own = useRef(block.data);
  useEffect(() => {
    if (block.data !== own.current) {
      own.current = block.data;
      setText(JSON.stringify(block.data, null, 2));
    }
  }, [block.data]);
  return (
    <div data-scope="blocks-field" data-part="inline">
      <strong data-scope="blocks-field" data-part="type">
        {block.type}
      </strong>
      <label htmlFor={dataId}>{t.blockData}</label>
      <textarea
        id={dataId}
        dir="ltr"
        rows={3}
        spellCheck={false}
        readOnly={readOnly}
        data-scope="entry-form"
        data-part="input"
        value={text}
        onChange={(e) => {
          setText(e.target.value);
          try {
            const parsed: unknown = JSON.parse(e.target.value || '{}');
            if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed)) throw new Error('expected an object');
            onJsonProblem(null);
            own.current = parsed as InlineBlock['data'];
            onChange({ type: block.type, data: parsed as InlineBlock['data'] });
          } catch (error) {
            onJsonProblem(format(t.invalidJson, { message: error instanceof Error ? error.message : String(error) }));
          }
        }}
      />
    </div>
  );
}
