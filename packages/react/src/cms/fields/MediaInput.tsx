import { useRef } from 'react';
import type { MediaValue } from '@spokestack/core/cms';
import { Button } from '../../ui/Button.js';
import { FilePreview, MediaPickerDialog, MediaUploader } from '../../platform/media.js';
import { useStrings } from '../strings.js';
import type { FieldInputProps, FieldOf } from './types.js';

const isMedia = (v: unknown): v is MediaValue =>
  typeof v === 'object' && v !== null && typeof (v as { fileId?: unknown }).fileId === 'string';
const itemsOf = (value: unknown): MediaValue[] => (Array.isArray(value) ? value.filter(isMedia) : isMedia(value) ? [value] : []);

/**
 * A media field: each file with its preview, alt text and caption (several, reorderable, when `multiple`). New files
 * are uploaded through the multipart files endpoint (drag and drop, or the keyboard) or picked from earlier uploads.
 *
 * @example <EntryForm.Input as={MediaInput} />
 */
export function MediaInput(props: FieldInputProps<FieldOf<'media'>>) {
  const { field, value, onChange, id, labelId, describedBy, invalid, readOnly, dir } = props;
  const t = useStrings();
  const items = itemsOf(value);
  // Uploads finishing in the same tick each add to what the previous one left, not to this render's list.
  const latest = useRef(items);
  latest.current = items;
  const set = (next: MediaValue[]) => {
    latest.current = next;
    onChange(field.multiple ? next : next[0]);
  };
  const update = (index: number, patch: Partial<MediaValue>) =>
    set(
      items.map((item, i) =>
        i === index
          ? (Object.fromEntries(Object.entries({ ...item, ...patch }).filter(([, v]) => v !== '' && v !== undefined)) as MediaValue)
          : item,
      ),
    );
  const move = (index: number, by: number) => {
    const next = [...items];
    const [item] = next.splice(index, 1);
    next.splice(index + by, 0, item!);
    set(next);
  };
  const add = (fileId: string) => set(field.multiple ? [...latest.current, { fileId }] : [{ fileId }]);
  const canAdd = !readOnly && (field.multiple ? field.maxItems === undefined || items.length < field.maxItems : items.length === 0);

  return (
    <div
      role="group"
      id={id}
      aria-labelledby={labelId}
      aria-describedby={describedBy}
      aria-invalid={invalid || undefined}
      dir={dir}
      data-scope="media-field"
      data-part="root"
    >
      {items.length > 0 && (
        <ol data-scope="media-field" data-part="items">
          {items.map((item, index) => (
            <li key={`${item.fileId}:${index}`} data-scope="media-field" data-part="item">
              <FilePreview fileId={item.fileId} alt={item.alt} />
              <label data-scope="media-field" data-part="meta">
                <span>{t.altText}</span>
                <input
                  type="text"
                  dir={dir}
                  readOnly={readOnly}
                  value={item.alt ?? ''}
                  onChange={(e) => update(index, { alt: e.target.value })}
                />
              </label>
              <label data-scope="media-field" data-part="meta">
                <span>{t.caption}</span>
                <input
                  type="text"
                  dir={dir}
                  readOnly={readOnly}
                  value={item.caption ?? ''}
                  onChange={(e) => update(index, { caption: e.target.value })}
                />
              </label>
              {!readOnly && (
                <span data-scope="media-field" data-part="actions">
                  {field.multiple && (
                    <>
                      <Button size="sm" variant="ghost" disabled={index === 0} onClick={() => move(index, -1)} aria-label={t.moveUp}>
                        ↑
                      </Button>
                      <Button
                        size="sm"
                        variant="ghost"
                        disabled={index === items.length - 1}
                        onClick={() => move(index, 1)}
                        aria-label={t.moveDown}
                      >
                        ↓
                      </Button>
                    </>
                  )}
                  <Button size="sm" variant="ghost" onClick={() => set(items.filter((_, i) => i !== index))}>
                    {t.remove}
                  </Button>
                </span>
              )}
            </li>
          ))}
        </ol>
      )}
      {canAdd && (
        <div data-scope="media-field" data-part="add">
          <MediaUploader accept={field.accept} multiple={field.multiple} onUploaded={(file) => add(file.id)} />
          <MediaPickerDialog
            accept={field.accept}
            onSelect={(file) => add(file.id)}
            trigger={
              <Button size="sm" variant="secondary">
                {t.library}
              </Button>
            }
          />
        </div>
      )}
    </div>
  );
}
