import type { Feature } from "./types.js";

export const storage: Feature = {
  name: "storage",
  enabled: (c) => c.features.storage,
  files: ["app/storage/", "tests/test_attachments.py"],
};
