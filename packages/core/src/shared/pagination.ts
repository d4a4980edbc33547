import * as z from 'zod';

export const defaultPageSize = 50;
export const maxPageSize = 200;

/** The query every list takes: page size, an opaque cursor from the previous page, and `sort=field,-other`. */
export const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(maxPageSize).optional(),
  cursor: z.string().max(2000).optional(),
  sort: z.string().max(200).optional(),
});
export type ListQuery = z.input<typeof listQuery>;

/** A page of a list: `nextCursor` is null on the last page. */
export function pageOf<T extends z.ZodType>(item: T) {
  return z.object({ data: z.array(item), nextCursor: z.string().nullable() });
}
export interface Page<T> {
  data: T[];
  nextCursor: string | null;
}
