import { useMe } from '../platform/me.js';
import { useMemberNames } from '../platform/members.js';
import { useStrings } from './strings.js';

/**
 * Who wrote something (a comment, a version), as the editor shows it: "You", the member's name, or "Someone" for
 * an author the caller cannot list (an API key, a removed member).
 *
 * @example const authorName = useAuthorName(); authorName(version.createdById) // 'Ada Lovelace'
 */
export function useAuthorName(): (authorId: string) => string {
  const t = useStrings();
  const me = useMe();
  const names = useMemberNames();
  return (authorId: string) => (authorId === me.data?.actor.id ? t.you : (names.get(authorId) ?? t.someone));
}
