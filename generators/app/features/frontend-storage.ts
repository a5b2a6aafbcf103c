import type { Feature } from "./types.js";

/** Frontend code for attachments: only when both the frontend and storage are on. */
export const frontendStorage: Feature = {
  name: "frontend-storage",
  enabled: (c) => c.features.frontend && c.features.storage,
  files: ["frontend/src/components/attachments/"],
};
