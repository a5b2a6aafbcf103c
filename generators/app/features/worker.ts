import type { Feature } from "./types.js";

export const worker: Feature = {
  name: "worker",
  enabled: (c) => c.features.worker,
  files: ["app/worker/", "tests/test_worker.py", "tests/slow_task.py"],
};
