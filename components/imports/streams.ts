// Browser side of the import routes: the upload with its own progress (XMLHttpRequest reports bytes sent;
// fetch does not) and the newline-delimited JSON events of a preview or import.
import type { FileInspection } from "@/server/imports/inspect";
import type { StagedRunEvent, StagedRunRequest } from "@/server/imports/staged-run";

export interface UploadResult {
  uploadId: string;
  fileName: string;
  size: number;
  inspection: FileInspection;
}

export function uploadFile(file: File, onProgress: (fraction: number) => void): Promise<UploadResult> {
  return new Promise((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open("POST", "/api/imports/uploads");
    request.responseType = "json";
    request.upload.onprogress = (event) => event.lengthComputable && onProgress(event.loaded / event.total);
    request.onload = () => {
      const body = request.response as (UploadResult & { error?: string }) | null;
      if (request.status === 200 && body) resolve(body);
      else reject(new Error(body?.error ?? `The upload failed (HTTP ${request.status}). Try again.`));
    };
    request.onerror = () => reject(new Error("The upload did not reach the server. Check the connection and try again."));
    const form = new FormData();
    form.append("file", file);
    request.send(form);
  });
}

export async function runUpload(uploadId: string, body: StagedRunRequest, onEvent: (event: StagedRunEvent) => void): Promise<void> {
  const response = await fetch(`/api/imports/uploads/${encodeURIComponent(uploadId)}/run`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  if (!response.ok || !response.body) {
    const error = (await response.json().catch(() => null)) as { error?: string } | null;
    onEvent({ type: "error", message: error?.error ?? `The server answered HTTP ${response.status}. Try again.` });
    return;
  }
  const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (let next = await reader.read(); !next.done; next = await reader.read()) {
    buffered += next.value;
    const lines = buffered.split("\n");
    buffered = lines.pop() ?? "";
    for (const line of lines) if (line.trim()) onEvent(JSON.parse(line) as StagedRunEvent);
  }
}
