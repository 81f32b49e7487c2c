/** Offers text as a file download (no network: a Blob URL). */
export function downloadText(fileName: string, mediaType: string, content: string): void {
  offer(fileName, new Blob([content], { type: mediaType }));
}

/** Offers bytes as a file download (binary exports: zip, .qdpx). */
export function downloadBytes(fileName: string, mediaType: string, bytes: Uint8Array): void {
  offer(fileName, new Blob([bytes as Uint8Array<ArrayBuffer>], { type: mediaType }));
}

/** Decodes base64 (as the API sends binary files) into bytes. */
export function bytesFromBase64(base64: string): Uint8Array {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}

function offer(fileName: string, blob: Blob): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  document.body.appendChild(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
