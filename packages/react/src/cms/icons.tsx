import { Icon } from '../ui/Icon.js';

export const CommentIcon = () => (
  <Icon>
    <path d="M2.5 3.5h11v7h-6l-3 2.5v-2.5h-2z" />
  </Icon>
);
export const LinkIcon = () => (
  <Icon>
    <path d="M6.5 9.5l3-3M7 4.5l1-1a2.5 2.5 0 013.5 3.5l-1 1M9 11.5l-1 1A2.5 2.5 0 014.5 9l1-1" />
  </Icon>
);
export const ImageIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="11" height="10" rx="1" />
    <circle cx="6" cy="6.5" r="1" />
    <path d="M2.5 11l3.5-3 3 2.5 2-1.5 2.5 2" />
  </Icon>
);
export const TableIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="11" height="10" rx="1" />
    <path d="M2.5 6.5h11M2.5 9.8h11M6.2 3v10M9.8 3v10" />
  </Icon>
);
export const BulletListIcon = () => (
  <Icon>
    <path d="M6 4.5h7.5M6 8h7.5M6 11.5h7.5" />
    <circle cx="3" cy="4.5" r=".6" fill="currentColor" />
    <circle cx="3" cy="8" r=".6" fill="currentColor" />
    <circle cx="3" cy="11.5" r=".6" fill="currentColor" />
  </Icon>
);
export const OrderedListIcon = () => (
  <Icon>
    <path d="M6.5 4.5h7M6.5 8h7M6.5 11.5h7M2.5 3.5l1-.5v3M2.5 9.5h1.6l-1.6 2h1.6" />
  </Icon>
);
export const QuoteIcon = () => (
  <Icon>
    <path d="M3 11.5c0-3 .5-5 3-6.5M9 11.5c0-3 .5-5 3-6.5M3 11.5h2.5V9H3M9 11.5h2.5V9H9" />
  </Icon>
);
export const UndoIcon = () => (
  <Icon>
    <path d="M5.5 3.5L2.5 6.5l3 3M2.5 6.5H10a3.5 3.5 0 010 7H7" />
  </Icon>
);
export const RedoIcon = () => (
  <Icon>
    <path d="M10.5 3.5l3 3-3 3M13.5 6.5H6a3.5 3.5 0 000 7h3" />
  </Icon>
);
export const RowIcon = () => (
  <Icon>
    <path d="M2.5 4.5h11v4h-11zM8 10.5v3M6.5 12h3" />
  </Icon>
);
export const ColumnIcon = () => (
  <Icon>
    <path d="M3.5 2.5h4v11h-4zM11.5 6.5v3M10 8h3" />
  </Icon>
);
export const DeleteTableIcon = () => (
  <Icon>
    <rect x="2.5" y="3" width="11" height="10" rx="1" />
    <path d="M5.5 6l5 4M10.5 6l-5 4" />
  </Icon>
);
