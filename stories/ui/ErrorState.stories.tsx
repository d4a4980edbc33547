import type { Meta, StoryObj } from '@storybook/react-vite';
import { problemTypes, SpokeStackError } from '@spokestack/core';
import { ErrorState } from '@spokestack/react';

const meta = {
  title: 'UI/ErrorState',
  component: ErrorState,
  argTypes: { onRetry: { action: 'retry' } },
} satisfies Meta<typeof ErrorState>;

export default meta;
type Story = StoryObj<typeof meta>;

export const FieldErrors: Story = {
  args: {
    error: new SpokeStackError({
      type: problemTypes.validation,
      title: 'Invalid request',
      status: 400,
      detail: '3 fields are invalid.',
      errors: [
        { path: 'body.email', message: 'Invalid email address' },
        { path: 'body.value', message: 'Expected a decimal string with at most 13 integer and 2 fraction digits, like "100.50"' },
        { path: 'body.stageId', message: 'Required' },
      ],
    }),
  },
};

export const NotFound: Story = {
  args: {
    error: new SpokeStackError({
      type: problemTypes.notFound,
      title: 'Not Found',
      status: 404,
      detail: 'No content entry with id ce_8f2k1.',
    }),
  },
};

export const NetworkError: Story = {
  args: {
    error: new SpokeStackError({ type: problemTypes.network, title: 'Network error', status: 0, detail: 'TypeError: Failed to fetch' }),
  },
};

export const Retrying: Story = { args: { ...NetworkError.args, retrying: true } };

/** Anything that is not a problem document (a bug, a crash) gets the generic, translatable title. */
export const UnexpectedError: Story = {
  args: {
    error: new TypeError("Cannot read properties of undefined (reading 'stage')"),
    overrides: { title: 'Something broke on our side' },
  },
};
