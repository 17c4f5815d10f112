import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['main/**/*.test.ts', 'shared/**/*.test.ts', 'renderer/**/*.test.{ts,tsx}', 'e2e/support/**/*.test.ts', 'e2e/demo/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
  },
});
