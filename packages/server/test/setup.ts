import { inject } from 'vitest';

// createTestInstance() reads the migrated template prepared by global-setup from here.
process.env.SPOKESTACK_TEST_TEMPLATE = inject('template');
