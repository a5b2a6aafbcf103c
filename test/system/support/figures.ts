/** The figures the system test reports (README.md records them). */
export const figures: Record<string, unknown> = {};

export function printFigures(): void {
  if (Object.keys(figures).length === 0) return;
  const lines = Object.entries(figures).map(([key, value]) => `  ${key}: ${typeof value === "object" ? JSON.stringify(value) : String(value)}`);
  console.log(`system test figures\n${lines.join("\n")}`);
}
