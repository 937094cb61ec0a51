import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    // End-to-end tests spawn the built binary; 2-core machines need headroom.
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
