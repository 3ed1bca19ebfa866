/**
 * Streams a file once more to pick out the text of the lines that row errors point at, so each
 * ImportError keeps the raw row as the user's file had it. Memory: only the wanted lines.
 * Line breaks are LF, CRLF or CR (as the CSV reader counts them); a row that spans several lines
 * through quoted fields keeps its first line.
 */
import { createReadStream } from "node:fs";
import { StringDecoder } from "node:string_decoder";

import { MAX_RAW_ROW_CHARS } from "./limit-text";

export { MAX_RAW_ROW_CHARS };

export async function collectRawLines(filePath: string, wanted: ReadonlySet<number>): Promise<Map<number, string>> {
  const found = new Map<number, string>();
  if (wanted.size === 0) return found;
  // Not Math.max(...wanted): spreading 300,000 lines into arguments overflows the stack.
  let last = 0;
  for (const line of wanted) if (line > last) last = line;
  const decoder = new StringDecoder("utf8");
  let line = 1;
  let current = "";
  let keep = wanted.has(1);
  let lastChunkEndedWithCr = false;
  const endLine = (): void => {
    if (keep) found.set(line, current.length > MAX_RAW_ROW_CHARS ? `${current.slice(0, MAX_RAW_ROW_CHARS)}…` : current);
    line++;
    current = "";
    keep = wanted.has(line);
  };
  const stream = createReadStream(filePath, { highWaterMark: 1 << 20 });
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      let text = decoder.write(chunk);
      if (line === 1 && current === "" && text.charCodeAt(0) === 0xfeff) text = text.slice(1);
      let from = 0;
      for (let i = 0; i < text.length; i++) {
        const c = text.charCodeAt(i);
        if (c !== 10 && c !== 13) continue;
        const previousIsCr = i === 0 ? lastChunkEndedWithCr : text.charCodeAt(i - 1) === 13;
        if (c === 10 && previousIsCr) {
          // second half of a CRLF: the line already ended at the CR
          from = i + 1;
          continue;
        }
        if (keep && current.length <= MAX_RAW_ROW_CHARS) current += text.slice(from, Math.min(i, from + MAX_RAW_ROW_CHARS + 1));
        endLine();
        from = i + 1;
        if (line > last) return found;
      }
      if (keep && from < text.length && current.length <= MAX_RAW_ROW_CHARS) current += text.slice(from, from + MAX_RAW_ROW_CHARS + 1);
      lastChunkEndedWithCr = text.length > 0 && text.charCodeAt(text.length - 1) === 13;
    }
    if (current !== "" || keep) endLine();
  } finally {
    stream.destroy();
  }
  return found;
}
