/**
 * Browser side of the upload: one XHR per file with the File as the body, so the browser streams
 * it from disk (no reading it in JavaScript) and reports upload progress. Metadata goes in
 * URI-encoded headers, as POST /api/imports expects.
 */
export type TUploadResult = { ok: true; body: unknown } | { ok: false; status: number; code: string; message: string };

export type TUploadRequest = {
  file: File;
  organizationId: string;
  sourceName?: string;
  kind?: string;
  onProgress: (loaded: number, total: number) => void;
};

function errorFrom(status: number, text: string): TUploadResult {
  try {
    const parsed = JSON.parse(text) as { error?: { code?: string; message?: string } };
    if (parsed.error?.message) return { ok: false, status, code: parsed.error.code ?? "error", message: parsed.error.message };
  } catch {
    // not JSON (a proxy's page): fall through
  }
  if (status === 413) return { ok: false, status, code: "upload_too_large", message: "The file is larger than this install accepts." };

  return { ok: false, status, code: "upload_failed", message: `The upload failed (HTTP ${status}) — try again.` };
}

export function uploadFile(request: TUploadRequest): { promise: Promise<TUploadResult>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const promise = new Promise<TUploadResult>((resolve) => {
    xhr.open("POST", "/api/imports");
    xhr.setRequestHeader("Content-Type", "application/octet-stream");
    xhr.setRequestHeader("X-File-Name", encodeURIComponent(request.file.name));
    xhr.setRequestHeader("X-Organization-Id", encodeURIComponent(request.organizationId));
    if (request.sourceName) xhr.setRequestHeader("X-Source-Name", encodeURIComponent(request.sourceName));
    if (request.kind) xhr.setRequestHeader("X-Import-Kind", encodeURIComponent(request.kind));
    xhr.upload.onprogress = (event) => request.onProgress(event.loaded, event.lengthComputable ? event.total : request.file.size);
    xhr.onload = () => {
      if (xhr.status === 202) {
        try {
          resolve({ ok: true, body: JSON.parse(xhr.responseText) });
        } catch {
          resolve({ ok: false, status: xhr.status, code: "bad_response", message: "The server answered in an unexpected way — try again." });
        }
      } else {
        resolve(errorFrom(xhr.status, xhr.responseText));
      }
    };
    xhr.onerror = () =>
      resolve({ ok: false, status: 0, code: "network_error", message: "The connection to DripAudit was lost during the upload — try again." });
    xhr.onabort = () => resolve({ ok: false, status: 0, code: "aborted", message: "Upload cancelled." });
    xhr.send(request.file);
  });

  return { promise, abort: () => xhr.abort() };
}
