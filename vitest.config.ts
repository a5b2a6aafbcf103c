import { defineConfig } from "vitest/config";

/**
 * One run, several layers, one after the other (groupOrder). Layers that
 * spawn the bundled bin build it first (test/support/build-setup.ts); the slow
 * ones start real services (test/support/services-setup.ts) and run one file
 * at a time, because two cores are all these machines have.
 */
const slow = { testTimeout: 600_000, hookTimeout: 900_000, fileParallelism: false } as const;

export default defineConfig({
  test: {
    reporters: ["default"],
    projects: [
      {
        test: {
          name: "unit",
          include: ["test/unit/**/*.test.ts"],
          globalSetup: ["test/support/build-setup.ts"],
          testTimeout: 60_000,
          // @actions/workflow-parser imports JSON without an import attribute, which
          // Node 20 refuses; bundled through Vite it loads.
          server: { deps: { inline: ["@actions/workflow-parser"] } },
        },
      },
      {
        test: {
          name: "platform",
          include: ["test/platform/**/*.test.ts"],
          globalSetup: ["test/support/services-setup.ts"],
          sequence: { groupOrder: 1 },
          ...slow,
        },
      },
      {
        test: {
          name: "backend",
          include: ["test/backend/**/*.test.ts"],
          globalSetup: ["test/support/build-setup.ts", "test/support/services-setup.ts"],
          sequence: { groupOrder: 2 },
          ...slow,
        },
      },
      {
        test: {
          name: "frontend",
          include: ["test/frontend/**/*.test.ts"],
          globalSetup: ["test/support/build-setup.ts", "test/support/services-setup.ts"],
          sequence: { groupOrder: 3 },
          ...slow,
        },
      },
      {
        test: {
          name: "system",
          include: ["test/system/**/*.test.ts"],
          globalSetup: ["test/support/build-setup.ts"],
          sequence: { groupOrder: 4 },
          ...slow,
        },
      },
    ],
  },
});
