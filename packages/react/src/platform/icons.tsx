import { Icon } from '../ui/Icon.js';

export const FileIcon = () => (
  <Icon>
    <path d="M4 2.5h5l3 3v8H4zM9 2.5v3h3" />
  </Icon>
);
