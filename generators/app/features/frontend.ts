import type { Feature } from "./types.js";

export const frontend: Feature = {
  name: "frontend",
  enabled: (c) => c.features.frontend,
  files: ["frontend/", ".github/workflows/frontend.yml"],
};
