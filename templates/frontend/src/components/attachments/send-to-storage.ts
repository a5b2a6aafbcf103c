import type { PresignedUpload } from "./types";

export class StorageUploadError extends Error {
  constructor(readonly status: number) {
    super(status === 0 ? "The upload was interrupted." : `Storage refused the upload (${status}).`);
  }
}

/**
 * Sends a file straight to object storage with the presigned request the backend issued.
 * XMLHttpRequest rather than fetch, because only XHR reports upload progress.
 */
export function sendToStorage(
  upload: PresignedUpload,
  file: Blob,
  onProgress: (fraction: number) => void,
): Promise<void> {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open(upload.method, upload.url);
    for (const [name, value] of Object.entries(upload.headers)) xhr.setRequestHeader(name, value);
    xhr.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) onProgress(event.loaded / event.total);
    };
    xhr.onload = () => {
      if (xhr.status >= 200 && xhr.status < 300) resolve();
      else reject(new StorageUploadError(xhr.status));
    };
    xhr.onerror = () => reject(new StorageUploadError(0));
    xhr.onabort = () => reject(new StorageUploadError(0));

    if (upload.method === "POST") {
      // A presigned POST carries its policy as form fields; the file must come last.
      const form = new FormData();
      for (const [name, value] of Object.entries(upload.fields)) form.append(name, value);
      form.append("file", file);
      xhr.send(form);
    } else {
      xhr.send(file);
    }
  });
}
