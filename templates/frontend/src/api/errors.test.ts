import { describe, expect, it } from "vitest";
import { describeProblem } from "./errors";

describe("describeProblem", () => {
  it("shows the backend's own message", () => {
    expect(describeProblem(409, { detail: "An account with this email already exists" })).toBe(
      "An account with this email already exists",
    );
  });

  it("names the field of each validation error", () => {
    const body = {
      detail: [
        { loc: ["body", "password"], msg: "String should have at least 8 characters", type: "x" },
        { loc: ["body", "display_name"], msg: "Field required", type: "missing" },
      ],
    };
    expect(describeProblem(422, body)).toBe(
      "Password: String should have at least 8 characters. Display name: Field required.",
    );
  });

  it("falls back on the status when the body says nothing useful", () => {
    expect(describeProblem(429, null)).toBe("Too many attempts. Wait a minute, then try again.");
    expect(describeProblem(502, "<html>Bad gateway</html>")).toBe(
      "The server had a problem. Try again in a moment.",
    );
    expect(describeProblem(418, { detail: "" })).toBe("The request failed (418).");
  });
});
