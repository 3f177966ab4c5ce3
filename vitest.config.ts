import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['tests/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // DuckDB work is CPU-bound and the machine has two cores.
    pool: 'forks',
    maxWorkers: 2,
    // Password hashes at a low scrypt cost in tests (production: 2^17; warehouse/users.ts).
    env: { JIXIAO_TEST_SCRYPT_N: '1024' },
  },
});
