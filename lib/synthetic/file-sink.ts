/**
 * A buffered, backpressure-aware text file writer (strings are batched into ~1 MB writes).
 */
import { createWriteStream, type WriteStream } from "node:fs";
import { once } from "node:events";

export type FileSink = {
  write(text: string): Promise<void>;
  close(): Promise<void>;
  readonly bytes: number;
};

const FLUSH_AT = 1 << 20;

export function createFileSink(path: string): FileSink {
  const stream: WriteStream = createWriteStream(path, { encoding: "utf8" });
  let buffer: string[] = [];
  let size = 0;
  let bytes = 0;
  const flush = async (): Promise<void> => {
    if (buffer.length === 0) return;
    const chunk = buffer.join("");
    buffer = [];
    size = 0;
    if (!stream.write(chunk)) await once(stream, "drain");
  };
  return {
    async write(text: string) {
      buffer.push(text);
      size += text.length;
      bytes += Buffer.byteLength(text);
      if (size >= FLUSH_AT) await flush();
    },
    async close() {
      await flush();
      await new Promise<void>((resolve, reject) => stream.end((error?: Error | null) => (error ? reject(error) : resolve())));
    },
    get bytes() {
      return bytes;
    },
  };
}

/** Quotes a CSV cell when it needs it. */
export function csvCell(value: string): string {
  return /[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value;
}

export function csvRow(cells: readonly string[]): string {
  return `${cells.map(csvCell).join(",")}\n`;
}
