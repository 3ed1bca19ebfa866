export type { Delimiters, Segment, TokenizerIssue } from "./x12-types";
export { createSegmentTokenizer, type SegmentTokenizer, type SegmentTokenizerOptions } from "./create-segment-tokenizer";
export { create835Reader, type Reader835, type Reader835Options, type Reader835Result } from "./create-835-reader";
export { read835Text, read835Chunks, stream835, type Read835Options } from "./read-835";
export { splitComposite, type Composite } from "./split-composite";
export { parseX12Date } from "./parse-x12-date";
export { checkLineBalance, checkClaimBalance, checkPaymentBalance } from "./check-balance";
