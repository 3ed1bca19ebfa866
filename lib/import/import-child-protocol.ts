import type { ImportOutcome, ImportProgress, RunImportInput } from "./run-import";

/** What the server sends the import process once, right after it starts. */
export type TImportChildRequest = {
  type: "start";
  input: Pick<RunImportInput, "organizationId" | "filePath" | "fileName" | "sourceName" | "kind" | "mapping" | "userId" | "address" | "patientKeySecret" | "chunkRows">;
  /** Another database than the environment's (tests). */
  databaseUrl?: string;
};

/** What the server sends the import process while it runs. */
export type TImportParentMessage = { type: "cancel" };

/** What the import process sends back, in this order: ready (then it gets the request), progress…, committed (only on success), outcome. */
export type TImportChildMessage =
  | { type: "ready" }
  | { type: "progress"; progress: ImportProgress }
  | { type: "committed"; weeks: readonly string[] | "all" }
  | { type: "outcome"; outcome: ImportOutcome }
  | { type: "crashed"; message: string };
