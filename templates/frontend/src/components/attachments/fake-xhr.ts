/**
 * A scriptable XMLHttpRequest for tests: records what was sent; the test then plays progress
 * events and the final status, as object storage would.
 */
import { vi } from "vitest";

type Handler = ((event: ProgressEvent) => void) | null;

export class FakeXhr {
  static last: FakeXhr | null = null;
  method = "";
  url = "";
  headers: Record<string, string> = {};
  body: unknown = undefined;
  status = 0;
  upload: { onprogress: Handler } = { onprogress: null };
  onload: Handler = null;
  onerror: Handler = null;
  onabort: Handler = null;

  constructor() {
    FakeXhr.last = this;
  }

  open(method: string, url: string) {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string) {
    this.headers[name] = value;
  }

  send(body: unknown) {
    this.body = body;
  }

  progress(loaded: number, total: number) {
    this.upload.onprogress?.({ lengthComputable: true, loaded, total } as ProgressEvent);
  }

  finish(status: number) {
    this.status = status;
    this.onload?.({} as ProgressEvent);
  }

  fail() {
    this.onerror?.({} as ProgressEvent);
  }
}

export function installFakeXhr() {
  FakeXhr.last = null;
  vi.stubGlobal("XMLHttpRequest", FakeXhr);
}

/** The request the code under test has opened, once it has. */
export async function openedXhr(): Promise<FakeXhr> {
  await vi.waitFor(() => {
    if (!FakeXhr.last?.body) throw new Error("no upload sent yet");
  });
  return FakeXhr.last as FakeXhr;
}
