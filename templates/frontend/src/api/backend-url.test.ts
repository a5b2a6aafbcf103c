import { describe, expect, it } from "vitest";
import { backendUrl } from "./backend-url";

describe("backendUrl", () => {
  it("returns the origin of BACKEND_INTERNAL_URL", () => {
    expect(backendUrl({ BACKEND_INTERNAL_URL: "http://app:8000/" })).toBe("http://app:8000");
  });

  it("explains what is missing or wrong", () => {
    expect(() => backendUrl({})).toThrow(/BACKEND_INTERNAL_URL is not set.*http:\/\/app:8000/);
    expect(() => backendUrl({ BACKEND_INTERNAL_URL: "app:8000" })).toThrow(
      /http:\/\/ or https:\/\//,
    );
    expect(() => backendUrl({ BACKEND_INTERNAL_URL: "not a url" })).toThrow(/is not a URL/);
  });
});
