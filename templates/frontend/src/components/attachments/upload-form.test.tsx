import { act, render, screen } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { beforeEach, describe, expect, it } from "vitest";
import { fakeBackend } from "@/test/fake-backend";
import { router } from "@/test/router";
import { installFakeXhr, openedXhr } from "./fake-xhr";
import { UploadForm } from "./upload-form";

const attachment = {
  id: 3,
  filename: "report.pdf",
  content_type: "application/pdf",
  size: 4,
  status: "pending",
  sha256: null,
  created_at: "2026-01-01T00:00:00Z",
};
const upload = { method: "PUT", url: "https://app.example/bucket/k", headers: {}, fields: {} };
const file = new File(["%PDF"], "report.pdf", { type: "application/pdf" });

describe("UploadForm", () => {
  beforeEach(installFakeXhr);

  it("asks for a presigned upload, shows progress, then completes it", async () => {
    const backend = fakeBackend({
      "POST /api/notes/9/attachments": { status: 201, body: { attachment, upload } },
      "POST /api/notes/9/attachments/3/complete": {
        status: 200,
        body: { ...attachment, status: "ready" },
      },
    });
    render(<UploadForm noteId={9} />);
    await userEvent.upload(screen.getByLabelText("Attach a file"), file);
    await userEvent.click(screen.getByRole("button", { name: "Upload" }));

    const xhr = await openedXhr();
    // act() commits the progress update before we look; otherwise the bar may still show 0.
    await act(async () => xhr.progress(1, 4));
    expect(screen.getByRole("progressbar", { name: "Upload progress" })).toHaveAttribute(
      "value",
      "0.25",
    );
    xhr.finish(200);

    expect(await screen.findByRole("status")).toHaveTextContent("report.pdf uploaded.");
    expect(backend.seen.map((request) => `${request.method} ${request.path}`)).toEqual([
      "POST /api/notes/9/attachments",
      "POST /api/notes/9/attachments/3/complete",
    ]);
    expect(backend.seen[0]?.body).toEqual({
      filename: "report.pdf",
      content_type: "application/pdf",
      size: 4,
    });
    expect(router.refresh).toHaveBeenCalled();
  });

  it("asks for a file before calling anyone", async () => {
    const backend = fakeBackend({});
    render(<UploadForm noteId={9} />);
    await userEvent.click(screen.getByRole("button", { name: "Upload" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("Choose a file first.");
    expect(backend.seen).toEqual([]);
  });

  it("shows the backend's refusal before anything is sent", async () => {
    fakeBackend({
      "POST /api/notes/9/attachments": {
        status: 413,
        body: { detail: "The file is larger than 10 MiB" },
      },
    });
    render(<UploadForm noteId={9} />);
    await userEvent.upload(screen.getByLabelText("Attach a file"), file);
    await userEvent.click(screen.getByRole("button", { name: "Upload" }));
    expect(await screen.findByRole("alert")).toHaveTextContent("The file is larger than 10 MiB");
  });

  it("removes the pending attachment when storage refuses the bytes", async () => {
    const backend = fakeBackend({
      "POST /api/notes/9/attachments": { status: 201, body: { attachment, upload } },
      "DELETE /api/notes/9/attachments/3": { status: 204 },
    });
    render(<UploadForm noteId={9} />);
    await userEvent.upload(screen.getByLabelText("Attach a file"), file);
    await userEvent.click(screen.getByRole("button", { name: "Upload" }));
    (await openedXhr()).finish(403);

    expect(await screen.findByRole("alert")).toHaveTextContent("Storage refused the upload (403).");
    expect(backend.seen.at(-1)).toMatchObject({
      method: "DELETE",
      path: "/api/notes/9/attachments/3",
    });
  });
});
