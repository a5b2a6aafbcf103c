import { describe, expect, it } from "vitest";
import { safeRedirect } from "./safe-redirect";

describe("safeRedirect", () => {
  it("keeps paths on this site", () => {
    expect(safeRedirect("/notes/4?x=1")).toBe("/notes/4?x=1");
    expect(safeRedirect(["/account", "/notes"])).toBe("/account");
  });

  it("refuses anything that could leave the site", () => {
    for (const next of ["https://evil.example", "//evil.example", "/\\evil.example", "notes", ""]) {
      expect(safeRedirect(next)).toBe("/notes");
    }
    expect(safeRedirect(undefined, "/account")).toBe("/account");
  });
});
