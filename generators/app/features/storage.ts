import type { Feature } from "./types.js";

export const storage: Feature = {
  name: "storage",
  enabled: (c) => c.features.storage,
  files: ["app/storage/", "app/api/attachments.py", "app/schemas/attachments.py", "tests/test_attachments.py"],
};
