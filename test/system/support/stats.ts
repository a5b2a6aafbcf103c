/** Resident memory and image sizes, from the engine's own accounting. */
import { run } from "./run.js";

/** Memory use in MiB of each running container whose name matches. */
export function memoryByContainer(nameFilter: RegExp): Record<string, number> {
  const lines = run("docker", ["stats", "--no-stream", "--format", "{{.Name}}\t{{.MemUsage}}"]).trim().split("\n");
  const result: Record<string, number> = {};
  for (const line of lines) {
    const [name, usage] = line.split("\t");
    if (!name || !usage || !nameFilter.test(name)) continue;
    result[name] = toMiB(usage.split("/")[0]?.trim() ?? "0B");
  }
  return result;
}

function toMiB(value: string): number {
  const match = value.match(/^([\d.]+)\s*([KMG]i?B|B)$/);
  if (!match) return 0;
  const amount = Number(match[1]);
  const unit = match[2] as string;
  const factor = unit.startsWith("G") ? 1024 : unit.startsWith("M") ? 1 : unit.startsWith("K") ? 1 / 1024 : 1 / 1024 / 1024;
  return Math.round(amount * factor * 10) / 10;
}

export function imageBytes(image: string): number {
  return Number(run("docker", ["image", "inspect", "--format", "{{.Size}}", image]).trim());
}

/** How much an image adds on top of its base, in MiB. */
export function addedMiB(image: string, base: string): number {
  return Math.round(((imageBytes(image) - imageBytes(base)) / 1024 / 1024) * 10) / 10;
}
