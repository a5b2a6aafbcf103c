import { describe, expect, it } from "vitest";
import { formatBytes, formatDate } from "./format";

describe("formatBytes", () => {
  it("picks a unit a person reads at a glance", () => {
    expect(formatBytes(0)).toBe("0 bytes");
    expect(formatBytes(1023)).toBe("1023 bytes");
    expect(formatBytes(1536)).toBe("1.5 KB");
    expect(formatBytes(34_000)).toBe("33 KB");
    expect(formatBytes(10 * 1024 * 1024)).toBe("10 MB");
  });
});

describe("formatDate", () => {
  it("prints the same day on the server and in the browser", () => {
    expect(formatDate("2026-03-01T23:30:00Z")).toBe("Mar 1, 2026");
  });
});
