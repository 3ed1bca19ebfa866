/**
 * Test helper: wraps 835 body segments in a valid ISA/GS/ST … SE/GE/IEA envelope with the given
 * delimiters. `body` segments are written with `*` and `:` and converted to the requested separators.
 */
export type Build835Options = {
  element?: string;
  component?: string;
  /** Segment terminator as written, e.g. "~", "~\n", "\n", "\r\n", "~\r\n". */
  terminator?: string;
  /** ISA16 as declared (defaults to `component`). */
  declaredComponent?: string;
  /** Leave out SE/GE/IEA (a truncated file). */
  truncate?: boolean;
};

export function build835(body: readonly string[], options: Build835Options = {}): string {
  const element = options.element ?? "*";
  const component = options.component ?? ":";
  const declared = options.declaredComponent ?? component;
  const terminator = options.terminator ?? "~";
  const isa = [
    "ISA", "00", "          ", "00", "          ", "ZZ", "SENDER         ", "ZZ", "RECEIVER       ",
    "250301", "1200", "^", "00501", "000000001", "0", "P", declared,
  ].join(element);
  const convert = (segment: string): string => segment.split("*").map((e) => e.split(":").join(component)).join(element);
  const segments = [
    "GS*HP*SENDER*RECEIVER*20250301*1200*1*X*005010X221A1",
    "ST*835*0001",
    ...body,
  ].map(convert);
  const trailer = [`SE*${body.length + 2}*0001`, "GE*1*1", "IEA*1*000000001"].map(convert);
  const all = options.truncate ? segments : [...segments, ...trailer];
  return isa + terminator + all.join(terminator) + terminator;
}

/** A small, balanced 835 body: one claim, two infusion lines, a claim CAS, paid 500.00. */
export const BASIC_BODY: readonly string[] = [
  "BPR*I*500.00*C*ACH*CCP*01*999999999*DA*123456*1234567890**01*999999999*DA*654321*20250310",
  "TRN*1*TRACE123*1234567890",
  "DTM*405*20250309",
  "N1*PR*ACME HEALTH PLAN",
  "N1*PE*INFUSION CLINIC*XX*1234567893",
  "LX*1",
  "CLP*C100*1*800.00*500.00*100.00*12*PCN100*11*1",
  "NM1*QC*1*DOE*JANE****MI*P001",
  "DTM*232*20250301",
  "DTM*233*20250301",
  "SVC*HC:96413:59*600.00*400.00**1",
  "DTM*472*20250301",
  "CAS*CO*45*150.00",
  "CAS*PR*2*50.00",
  "REF*6R*L1",
  "AMT*B6*450.00",
  "SVC*HC:96415*200.00*100.00**1",
  "CAS*CO*45*40.00*1*253*10.00",
  "CAS*PR*1*50.00",
  "REF*6R*L2",
];
