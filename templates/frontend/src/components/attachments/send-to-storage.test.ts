import { beforeEach, describe, expect, it, vi } from "vitest";
import { installFakeXhr, openedXhr } from "./fake-xhr";
import { StorageUploadError, sendToStorage } from "./send-to-storage";

const file = new Blob(["hello"], { type: "text/plain" });

describe("sendToStorage", () => {
  beforeEach(installFakeXhr);

  it("sends the bytes with the presigned PUT and reports progress", async () => {
    const progress = vi.fn();
    const done = sendToStorage(
      {
        method: "PUT",
        url: "https://app.example/b/k?sig=1",
        headers: { "Content-Type": "text/plain" },
        fields: {},
      },
      file,
      progress,
    );
    const xhr = await openedXhr();
    expect([xhr.method, xhr.url, xhr.headers, xhr.body]).toEqual([
      "PUT",
      "https://app.example/b/k?sig=1",
      { "Content-Type": "text/plain" },
      file,
    ]);
    xhr.progress(2, 5);
    xhr.progress(5, 5);
    xhr.finish(200);
    await done;
    expect(progress.mock.calls).toEqual([[0.4], [1]]);
  });

  it("puts a presigned POST's fields before the file", async () => {
    const done = sendToStorage(
      {
        method: "POST",
        url: "https://app.example/b",
        headers: {},
        fields: { key: "k", policy: "p" },
      },
      file,
      () => undefined,
    );
    const xhr = await openedXhr();
    const form = xhr.body as FormData;
    expect([...form.keys()]).toEqual(["key", "policy", "file"]);
    xhr.finish(204);
    await done;
  });

  it("fails on a refusal or a broken connection", async () => {
    const refused = sendToStorage(
      { method: "PUT", url: "u", headers: {}, fields: {} },
      file,
      () => undefined,
    );
    (await openedXhr()).finish(403);
    await expect(refused).rejects.toEqual(new StorageUploadError(403));

    installFakeXhr();
    const broken = sendToStorage(
      { method: "PUT", url: "u", headers: {}, fields: {} },
      file,
      () => undefined,
    );
    (await openedXhr()).fail();
    await expect(broken).rejects.toThrow("The upload was interrupted.");
  });
});
