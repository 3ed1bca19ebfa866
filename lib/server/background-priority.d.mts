import type { ChildProcess } from "node:child_process";

export const BACKGROUND_NICENESS: number;
export function runInBackground(child: ChildProcess): void;
