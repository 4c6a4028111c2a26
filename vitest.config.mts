import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: {
    alias: {
      "@": fileURLToPath(new URL(".", import.meta.url)),
      // `server-only` throws outside React Server Components; unit tests run lib code directly.
      "server-only": fileURLToPath(new URL("./tests/server-only-stub.ts", import.meta.url)),
    },
  },
  test: {
    include: ["{lib,components,app,scripts,tests}/**/*.test.{ts,tsx}"],
    environment: "node",
    globalSetup: ["tests/build-render-worker.ts"],
    // A generous limit, not a budget: real scrypt hashes (128 MiB each) and CLI start-ups take several times longer
    // while other work shares the machine's two cores, and the suite must still pass then.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
