export { SpokeStackProvider, useSpokeStack, type SpokeStackProviderProps } from './provider.js';
export { useMe } from './platform/me.js';
export { useOrganization } from './platform/organizations.js';
export { useMemberNames } from './platform/members.js';
export { useFiles, useFile, type FilesQuery } from './platform/files.js';
export { platformKeys } from './platform/keys.js';
export {
  spokestackKeys,
  useResourceList,
  useResource,
  useResourceMutation,
  useCreateResource,
  useUpdateResource,
  useDeleteResource,
  type ResourceListQuery,
  type ResourceListData,
  type ResourceListOptions,
  type ResourceOptions,
  type ResourceMutationOptions,
  type UpdateVariables,
  type PagedData,
  withRows,
} from './shared/query.js';
export { Badge, type BadgeProps, type Tone } from './ui/Badge.js';
export { Button, type ButtonProps } from './ui/Button.js';
export { DataTable, type DataTableColumn, type DataTableProps, type DataTableStrings } from './ui/DataTable.js';
export * as Dialog from './ui/Dialog.js';
export { EmptyState, type EmptyStateProps } from './ui/EmptyState.js';
export { ErrorState, type ErrorStateProps, type ErrorStateStrings } from './ui/ErrorState.js';
export { Spinner, type SpinnerProps, type SpinnerStrings } from './ui/Spinner.js';
export * as Table from './ui/Table.js';
export { Toaster, useToast, type ToastApi, type ToastOptions, type ToasterProps, type ToasterStrings } from './ui/Toast.js';
export type { ClassNames } from './ui/utils.js';
export { useOverrides, type Overrides, type OverridesRegistry } from './overrides.js';
