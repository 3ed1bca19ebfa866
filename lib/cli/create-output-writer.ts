/**
 * Writes text to a stream in pieces while honouring backpressure, so a large result (hundreds of
 * thousands of encounters) never has to sit in memory as one string.
 */
import type { Writable } from "node:stream";

export type OutputWriter = {
  write(text: string): Promise<void>;
  /** Flushes what is buffered. */
  flush(): Promise<void>;
};

/** @example const out = createOutputWriter(process.stdout); await out.write("{}"); await out.flush(); */
export function createOutputWriter(stream: Writable, bufferChars = 1 << 16): OutputWriter {
  let buffer = "";
  const drain = (): Promise<void> =>
    new Promise((resolve, reject) => {
      const onDrain = (): void => {
        stream.off("error", onError);
        resolve();
      };
      const onError = (error: Error): void => {
        stream.off("drain", onDrain);
        reject(error);
      };
      stream.once("drain", onDrain);
      stream.once("error", onError);
    });
  const flush = async (): Promise<void> => {
    if (buffer === "") return;
    const text = buffer;
    buffer = "";
    if (!stream.write(text)) await drain();
  };
  return {
    async write(text: string) {
      buffer += text;
      if (buffer.length >= bufferChars) await flush();
    },
    flush,
  };
}
