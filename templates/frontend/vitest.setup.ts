import "@testing-library/jest-dom/vitest";
import { cleanup } from "@testing-library/react";
import { afterEach, vi } from "vitest";

// Components call useRouter(); tests check what they asked it to do.
vi.mock("next/navigation", async () => {
  const { router } = await import("./src/test/router");
  return { useRouter: () => router };
});

afterEach(() => {
  cleanup();
});
