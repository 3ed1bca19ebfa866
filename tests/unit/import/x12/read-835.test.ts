import { describe, expect, test } from "vitest";
import { read835Chunks, read835Text } from "@/lib/import/x12/read-835";
import { BASIC_BODY, build835 } from "./build-835";

const codes = (issues: { code: string }[]) => issues.map((i) => i.code);

describe("read835Text: a small balanced remit", () => {
  const result = read835Text(build835(BASIC_BODY), { file: "basic.835" });

  test("reads every service line with exact values and no issues", () => {
    expect(result.errors).toEqual([]);
    expect(result.warnings).toEqual([]);
    expect(result.lines).toHaveLength(2);
    expect(result.lines[0]).toEqual({
      claimId: "C100",
      patientId: "P001",
      patientName: "DOE, JANE",
      payer: "ACME HEALTH PLAN",
      status: "paid",
      statusCode: "1",
      claimFrequency: "1",
      payerClaimControlNumber: "PCN100",
      paidDate: "2025-03-10",
      filingIndicator: "12",
      dateOfService: "2025-03-01",
      code: "96413",
      codeQualifier: "HC",
      modifiers: ["59"],
      billedUnits: 1,
      paidUnits: 1,
      billedCents: 60000,
      allowedCents: 45000,
      paidCents: 40000,
      adjustments: [
        { group: "CO", reason: "45", amountCents: 15000, quantity: null },
        { group: "PR", reason: "2", amountCents: 5000, quantity: null },
      ],
      remarks: [],
      lineControlNumber: "L1",
      source: { file: "basic.835", line: 1, segment: 14, claimSegment: 10 },
    });
  });

  test("CAS with two triplets and a quantity; a line without DTM takes the claim date", () => {
    const second = result.lines[1]!;
    expect(second.code).toBe("96415");
    expect(second.dateOfService).toBe("2025-03-01");
    expect(second.adjustments).toEqual([
      { group: "CO", reason: "45", amountCents: 4000, quantity: 1 },
      { group: "CO", reason: "253", amountCents: 1000, quantity: null },
      { group: "PR", reason: "1", amountCents: 5000, quantity: null },
    ]);
    expect(second.allowedCents).toBeNull();
  });

  test("payment information from BPR/TRN/N1", () => {
    expect(result.payments).toEqual([
      {
        transactionControlNumber: "0001",
        segment: 3,
        paymentCents: 50000,
        creditDebit: "C",
        paymentMethod: "ACH",
        paymentDate: "2025-03-10",
        traceNumber: "TRACE123",
        payer: "ACME HEALTH PLAN",
        payee: "INFUSION CLINIC",
        payeeId: "1234567893",
        claimCount: 1,
        providerAdjustments: [],
      },
    ]);
  });
});

describe("delimiters", () => {
  const summary = (text: string) => {
    const r = read835Text(text);
    return {
      errors: r.errors,
      warnings: codes(r.warnings),
      lines: r.lines.map((l) => [l.code, l.modifiers.join("+"), l.billedCents, l.paidCents, l.dateOfService]),
    };
  };
  const expected = [
    ["96413", "59", 60000, 40000, "2025-03-01"],
    ["96415", "", 20000, 10000, "2025-03-01"],
  ];

  test.each([
    ["~", { terminator: "~" }],
    ["~ + LF", { terminator: "~\n" }],
    ["~ + CRLF", { terminator: "~\r\n" }],
    ["newline only (LF)", { terminator: "\n" }],
    ["newline only (CRLF)", { terminator: "\r\n" }],
    ["| element separator, ^ component", { element: "|", component: "^", terminator: "~" }],
    ["! element separator, > component, newline terminator", { element: "!", component: ">", terminator: "\n" }],
  ])("%s", (_name, options) => {
    expect(summary(build835(BASIC_BODY, options))).toEqual({ errors: [], warnings: [], lines: expected });
  });

  test("'>' composites although ISA16 declares ':' (and the reverse) are read, with one warning", () => {
    for (const [used, declared] of [[">", ":"], [":", ">"]] as const) {
      const r = read835Text(build835(BASIC_BODY, { component: used, declaredComponent: declared }));
      expect(r.errors).toEqual([]);
      expect(r.warnings).toEqual([
        {
          code: "COMPONENT_SEPARATOR_SWAPPED",
          message: `segment 14 (SVC, line 1): composites use '${used}' although ISA16 declares '${declared}'; read with '${used}'`,
          segment: 14,
          line: 1,
        },
      ]);
      expect(r.lines.map((l) => [l.code, l.modifiers])).toEqual([["96413", ["59"]], ["96415", []]]);
    }
  });

  test("a mix of '~' and newline-only terminators, and a wrapped segment", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" })
      .replace("LX*1~\n", "LX*1\n") // newline-only terminator
      .replace("DTM*232*20250301~", "DTM*232*202\n50301~"); // wrapped inside a segment
    const r = read835Text(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([
      { code: "WRAPPED_LINES", message: "segments are wrapped across lines; line breaks inside segments were removed", line: 12, segment: 12 },
    ]);
    expect(r.lines.map((l) => [l.code, l.dateOfService, l.source.line])).toEqual([
      ["96413", "2025-03-01", 15],
      ["96415", "2025-03-01", 21],
    ]);
  });

  test("a '~' file whose last segments end with a newline only (no false line-wrap warning)", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" }).replace("GE*1*1~\nIEA*1*000000001~\n", "GE*1*1\n\nIEA*1*000000001\n");
    const r = read835Text(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.lines).toHaveLength(2);
  });

  test("newline-terminated segments report the file line of each segment", () => {
    const r = read835Text(build835(BASIC_BODY, { terminator: "\r\n" }));
    expect(r.lines.map((l) => [l.source.segment, l.source.line])).toEqual([[14, 14], [20, 20]]);
  });

  test("a second interchange with other delimiters re-reads them", () => {
    const one = build835(BASIC_BODY);
    const two = build835(BASIC_BODY.map((s) => s.replace("C100", "C200")), { element: "|", component: "^", terminator: "\n" });
    const r = read835Text(one + "\n" + two);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.lines.map((l) => [l.claimId, l.code, l.modifiers])).toEqual([
      ["C100", "96413", ["59"]],
      ["C100", "96415", []],
      ["C200", "96413", ["59"]],
      ["C200", "96415", []],
    ]);
    expect(r.payments?.map((p) => p.paymentCents)).toEqual([50000, 50000]);
  });

  test("two GS groups, the first with two ST transactions: one payment per transaction", () => {
    const isa = build835([]).split("~")[0]!;
    const tx = (st: string, claimId: string, paid: string) => [
      `ST*835*${st}`,
      `BPR*I*${paid}*C*CHK************20250310`,
      `N1*PR*PAYER ${st}`,
      "LX*1",
      `CLP*${claimId}*1*${paid}*${paid}**12*PCN${claimId}*11*1`,
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      `SVC*HC:96360*${paid}*${paid}`,
      `SE*9*${st}`,
    ];
    const text = [
      isa,
      "GS*HP*S*R*20250310*1200*1*X*005010X221A1",
      ...tx("0001", "A1", "10.00"),
      ...tx("0002", "A2", "20.00"),
      "GE*2*1",
      "GS*HP*S*R*20250310*1200*2*X*005010X221A1",
      ...tx("0003", "A3", "30.00"),
      "GE*1*2",
      "IEA*2*000000001",
    ].join("~\n");
    const r = read835Text(text);
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.lines.map((l) => [l.claimId, l.payer, l.paidCents])).toEqual([
      ["A1", "PAYER 0001", 1000],
      ["A2", "PAYER 0002", 2000],
      ["A3", "PAYER 0003", 3000],
    ]);
    expect(r.payments!.map((p) => [p.transactionControlNumber, p.paymentCents, p.claimCount])).toEqual([
      ["0001", 1000, 1],
      ["0002", 2000, 1],
      ["0003", 3000, 1],
    ]);
  });

  test("chunked input gives the same result wherever the chunks split", async () => {
    const text = build835(BASIC_BODY, { terminator: "~\r\n" });
    const whole = read835Text(text);
    for (const size of [1, 2, 3, 5, 7, 64, 105, 106, 107]) {
      const chunks: string[] = [];
      for (let i = 0; i < text.length; i += size) chunks.push(text.slice(i, i + size));
      const streamed = await read835Chunks(chunks);
      expect(streamed, `chunk size ${size}`).toEqual(whole);
    }
  });
});

describe("segments", () => {
  const claim = (...segments: string[]) => [
    "BPR*I*0*C*NON************20250310",
    "N1*PR*PAYER",
    "LX*1",
    ...segments,
  ];
  const read = (...segments: string[]) => read835Text(build835(claim(...segments)));

  test("SVC05 absent → 1 paid unit; SVC05 given; SVC06/SVC07 original code and units", () => {
    const r = read(
      "CLP*C1*1*300*180**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96365*100*60",
      "CAS*CO*45*40",
      "SVC*HC:96366*100*60**1*HC:96366*2",
      "CAS*CO*151*40*1",
      "SVC*HC:96375:XU*100*60**1*HC:96374*1",
      "CAS*CO*45*40",
    );
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.code, l.modifiers, l.paidUnits, l.billedUnits, l.originalCode, l.originalUnits])).toEqual([
      ["96365", [], 1, 1, undefined, undefined],
      ["96366", [], 1, 2, "96366", 2],
      ["96375", ["XU"], 1, 1, "96374", 1],
    ]);
    expect(r.warnings).toEqual([
      {
        code: "PAYMENT_IMBALANCE",
        message: "transaction 0001 (segment 3): claim payments 180.00 - provider adjustments 0.00 = 180.00, but the payment (BPR02) is 0.00 (difference -180.00)",
        segment: 3,
        line: 1,
      },
    ]);
  });

  test("up to four modifiers; a denied line with SVC05 = 0 keeps 1 billed unit", () => {
    const r = read(
      "CLP*C1*1*100*0**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "SVC*HC:96413:59:XU:JW:GA*100*0**0",
      "DTM*472*20250302",
      "CAS*CO*B15*100",
      "LQ*HE*M80",
      "LQ*HE*N20",
    );
    expect(r.errors).toEqual([]);
    const [line] = r.lines;
    expect(line).toMatchObject({
      code: "96413",
      modifiers: ["59", "XU", "JW", "GA"],
      paidUnits: 0,
      billedUnits: 1,
      paidCents: 0,
      dateOfService: "2025-03-02",
      remarks: ["M80", "N20"],
      adjustments: [{ group: "CO", reason: "B15", amountCents: 10000, quantity: null }],
    });
  });

  test("CAS with six triplets and negative amounts", () => {
    const r = read(
      "CLP*C1*1*100*100**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96360*100*100**1",
      "CAS*OA*23*10**94*-10**1*5**2*-5**3*1.25**45*-1.25",
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.filter((w) => w.code !== "PAYMENT_IMBALANCE")).toEqual([]);
    expect(r.lines[0]!.adjustments).toEqual([
      { group: "OA", reason: "23", amountCents: 1000, quantity: null },
      { group: "OA", reason: "94", amountCents: -1000, quantity: null },
      { group: "OA", reason: "1", amountCents: 500, quantity: null },
      { group: "OA", reason: "2", amountCents: -500, quantity: null },
      { group: "OA", reason: "3", amountCents: 125, quantity: null },
      { group: "OA", reason: "45", amountCents: -125, quantity: null },
    ]);
  });

  test("DTM fallback: line 472, else line 150, else claim 232, else claim 233", () => {
    const r = read(
      "CLP*C1*1*400*400**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*233*20250305",
      "SVC*HC:96360*100*100",
      "DTM*150*20250302",
      "DTM*151*20250303",
      "SVC*HC:96361*100*100",
      "DTM*472*20250304",
      "SVC*HC:96361*100*100",
      "CLP*C2*1*100*100**12*PCN2*11*1",
      "NM1*QC*1*DOE*JOHN****MI*P2",
      "DTM*232*20250306",
      "DTM*233*20250307",
      "SVC*HC:96365*100*100",
    );
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.claimId, l.dateOfService])).toEqual([
      ["C1", "2025-03-02"],
      ["C1", "2025-03-04"],
      ["C1", "2025-03-05"],
      ["C2", "2025-03-06"],
    ]);
  });

  test("a line with no date anywhere is an error (line dropped)", () => {
    const r = read("CLP*C1*1*100*100**12*PCN1*11*1", "NM1*QC*1*DOE*JANE****MI*P1", "SVC*HC:96360*100*100");
    expect(r.lines).toEqual([]);
    expect(r.errors).toEqual([
      {
        code: "MISSING_DATE",
        message: "segment 9 (SVC, line 1): claim C1 line 1 (96360) has no service date (line DTM*472/150 or claim DTM*232/233)",
        segment: 9,
        line: 1,
        claimId: "C1",
      },
    ]);
  });

  test("denied claim (CLP02 = 4) with claim-level CAS and no service lines → one code-null line", () => {
    const r = read(
      "CLP*C9*4*1200*0**12*PCN9*11*1",
      "CAS*CO*16*1200",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "MOA***MA130*N56",
      "DTM*232*20250301",
    );
    expect(r.errors).toEqual([]);
    expect(r.lines).toEqual([
      expect.objectContaining({
        claimId: "C9",
        code: null,
        status: "denied",
        statusCode: "4",
        billedCents: 120000,
        paidCents: 0,
        billedUnits: 0,
        paidUnits: 0,
        adjustments: [{ group: "CO", reason: "16", amountCents: 120000, quantity: null }],
        remarks: ["MA130", "N56"],
        source: { file: "input", line: 1, segment: 7, claimSegment: 7 },
      }),
    ]);
  });

  test("claim-level CAS on a claim with lines → an extra code-null line, billed 0 and paid −Σ claim CAS", () => {
    const r = read(
      "CLP*C1*1*100*80**12*PCN1*11*1",
      "CAS*CO*A2*20",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "SVC*HC:96372*100*100",
      "DTM*472*20250301",
    );
    expect(r.errors).toEqual([]);
    expect(r.warnings.map((w) => w.code)).toEqual(["PAYMENT_IMBALANCE"]);
    expect(r.lines.map((l) => [l.code, l.billedCents, l.paidCents, l.adjustments.map((a) => `${a.group}-${a.reason}:${a.amountCents}`), l.dateOfService])).toEqual([
      ["96372", 10000, 10000, [], "2025-03-01"],
      [null, 0, -2000, ["CO-A2:2000"], "2025-03-01"],
    ]);
  });

  test("PLB recoupment tied to a claim by its reference, and a positive interest payment", () => {
    const body = [
      "BPR*I*70.00*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20250310",
      "N1*PR*PAYER",
      "LX*1",
      "CLP*C1*1*100*100**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96413*100*100",
      "PLB*1234567893*20251231*WO:PCN0*40.00*L6:C1*-5.00*72:C1 P1*-5.00",
    ];
    const r = read835Text(build835(body));
    expect(r.errors).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.payments![0]!.providerAdjustments).toEqual([
      { providerId: "1234567893", fiscalPeriodDate: "2025-12-31", reason: "WO", reference: "PCN0", amountCents: 4000, segment: 11 },
      { providerId: "1234567893", fiscalPeriodDate: "2025-12-31", reason: "L6", reference: "C1", amountCents: -500, claimId: "C1", segment: 11 },
      { providerId: "1234567893", fiscalPeriodDate: "2025-12-31", reason: "72", reference: "C1 P1", amountCents: -500, claimId: "C1", segment: 11 },
    ]);
  });

  test("PLB that does not balance is named in a warning", () => {
    const body = [
      "BPR*I*100.00*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20250310",
      "N1*PR*PAYER",
      "LX*1",
      "CLP*C1*1*100*100**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96413*100*100",
      "PLB*1234567893*20251231*WO:PCN1*25.50",
    ];
    const r = read835Text(build835(body));
    expect(r.warnings).toEqual([
      {
        code: "PAYMENT_IMBALANCE",
        message: "transaction 0001 (segment 3): claim payments 100.00 - provider adjustments 25.50 = 74.50, but the payment (BPR02) is 100.00 (difference 25.50)",
        segment: 3,
        line: 1,
      },
    ]);
    expect(r.payments![0]!.providerAdjustments[0]).toMatchObject({ reason: "WO", reference: "PCN1", claimId: "C1", amountCents: 2550 });
  });

  test("line and claim imbalances are warnings with the numbers", () => {
    const r = read(
      "CLP*C1*1*100*90**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96413*100*90",
      "CAS*CO*45*5",
    );
    expect(r.errors).toEqual([]);
    expect(r.lines).toHaveLength(1);
    expect(r.warnings.filter((w) => w.code !== "PAYMENT_IMBALANCE")).toEqual([
      {
        code: "LINE_IMBALANCE",
        message: "claim C1 line 1 (96413, segment 10): charge 100.00 - adjustments 5.00 = 95.00, but paid is 90.00 (difference -5.00)",
        segment: 10,
        line: 1,
        claimId: "C1",
      },
      {
        code: "CLAIM_IMBALANCE",
        message: "claim C1 (segment 7): charge 100.00 - claim adjustments 0.00 - line adjustments 5.00 = 95.00, but paid (CLP04) is 90.00 (difference -5.00)",
        segment: 7,
        line: 1,
        claimId: "C1",
      },
    ]);
  });

  test("reversal (CLP02 = 22) and replacement (CLP09 = 7) are read with negative amounts kept", () => {
    const r = read(
      "CLP*C1*22*-100*-80**12*PCN1*11*8",
      "CAS*CR*45*-20",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "CLP*C1*1*100*90**12*PCN2*11*7",
      "CAS*CO*45*10",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
    );
    expect(r.errors).toEqual([]);
    expect(r.lines.map((l) => [l.status, l.claimFrequency, l.billedCents, l.paidCents, l.payerClaimControlNumber])).toEqual([
      ["reversed", "8", -10000, -8000, "PCN1"],
      ["paid", "7", 10000, 9000, "PCN2"],
    ]);
  });
});

describe("malformed input: errors with segment and line, never a throw", () => {
  test("empty and whitespace-only input", () => {
    for (const text of ["", "  \r\n\n "]) {
      expect(read835Text(text)).toEqual({
        lines: [],
        warnings: [],
        errors: [{ code: "EMPTY_FILE", message: "the file is empty", line: 1, fatal: true }],
        payments: [],
      });
    }
  });

  test("binary and non-X12 input", () => {
    for (const text of ["\u0000\u0001\u0002PK\u0003\u0004garbage", "claim_id,patient_id\nC1,P1\n", "%PDF-1.7\n%âãÏÓ"]) {
      const r = read835Text(text);
      expect(r.lines).toEqual([]);
      expect(r.errors).toEqual([{ code: "NOT_X12", message: "the input does not start with an X12 segment (ISA or ST)", line: 1, fatal: true }]);
    }
  });

  test("truncated file: no SE/GE/IEA; the lines read so far are kept", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n", truncate: true });
    const cut = text.slice(0, text.indexOf("REF*6R*L2"));
    const r = read835Text(cut);
    expect(r.lines.map((l) => l.code)).toEqual(["96413", "96415"]);
    expect(r.errors).toEqual([
      {
        code: "TRUNCATED",
        message: "transaction 0001 (segment 3) has no SE: the file looks truncated after segment 22 (line 22)",
        segment: 3,
        line: 3,
      },
      { code: "TRUNCATED", message: "functional group at segment 2 has no GE", segment: 2, line: 2 },
      { code: "TRUNCATED", message: "interchange at segment 1 has no IEA", segment: 1, line: 1 },
    ]);
  });

  test("an ST without SE followed by the next ST: the first transaction is closed with an error", () => {
    const text = build835(BASIC_BODY).replace("REF*6R*L2~", "REF*6R*L2~ST*835*0002~BPR*I*0*C*NON************20250310~N1*PR*OTHER~");
    const r = read835Text(text);
    expect(r.lines.map((l) => [l.claimId, l.code, l.payer])).toEqual([
      ["C100", "96413", "ACME HEALTH PLAN"],
      ["C100", "96415", "ACME HEALTH PLAN"],
    ]);
    expect(r.errors).toEqual([
      { code: "TRUNCATED", message: "segment 24 (ST, line 1): transaction 0001 (segment 3) has no SE before the next ST", segment: 24, line: 1 },
    ]);
    expect(r.payments!.map((p) => [p.transactionControlNumber, p.paymentCents, p.claimCount])).toEqual([
      ["0001", 50000, 1],
      ["0002", 0, 0],
    ]);
    // The second transaction's SE01 counts 22 segments where it has 4.
    expect(r.warnings.map((w) => w.code)).toEqual(["SEGMENT_COUNT"]);
  });

  test("an ISA cut short", () => {
    const r = read835Text("ISA*00*          *00*    ");
    expect(r.errors).toEqual([{ code: "BAD_ISA", message: "ISA segment is incomplete: cannot read the delimiters", line: 1, segment: 1, fatal: true }]);
  });

  test("garbage numbers: the bad line or adjustment is dropped, the rest is read", () => {
    const body = [
      "BPR*I*1O0.00*C*ACH*CCP*01*1*DA*1*1**01*1*DA*1*20250310",
      "N1*PR*PAYER",
      "LX*1",
      "CLP*C1*1*300*200**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC:96413*1,000.00*100",
      "CAS*CO*45*10",
      "SVC*HC:96415*100*100**two",
      "SVC*HC:96417*100*90",
      "CAS*CO*45*ten",
      "SVC*HC:96375*100*100",
    ];
    const r = read835Text(build835(body));
    expect(r.lines.map((l) => [l.code, l.adjustments.length])).toEqual([
      ["96417", 0],
      ["96375", 0],
    ]);
    expect(r.errors).toEqual([
      { code: "BAD_AMOUNT", message: "segment 4 (BPR, line 1): BPR02 payment '1O0.00' is not a number", segment: 4, line: 1, raw: "1O0.00" },
      { code: "BAD_AMOUNT", message: "segment 10 (SVC, line 1): SVC02 charge '1,000.00' is not a number", segment: 10, line: 1, raw: "1,000.00" },
      { code: "BAD_NUMBER", message: "segment 12 (SVC, line 1): SVC05 units 'two' is not a number", segment: 12, line: 1, raw: "two" },
      { code: "BAD_AMOUNT", message: "segment 14 (CAS, line 1): CAS CO-45 amount 'ten' is not a number", segment: 14, line: 1, raw: "ten" },
    ]);
    // The line whose CAS was unreadable is not balance-checked; nothing else is off.
    expect(r.warnings).toEqual([]);
  });

  test("an SVC without a procedure code is an error; the next SVC is read", () => {
    const r = read(
      "CLP*C1*1*200*200**12*PCN1*11*1",
      "NM1*QC*1*DOE*JANE****MI*P1",
      "DTM*232*20250301",
      "SVC*HC*100*100**1",
      "CAS*CO*45*0",
      "SVC*HC:96413*100*100",
    );
    expect(r.lines.map((l) => [l.code, l.adjustments.length])).toEqual([["96413", 0]]);
    expect(r.errors).toEqual([
      { code: "SVC_WITHOUT_CODE", message: "segment 10 (SVC, line 1): claim C1: SVC01 'HC' has no procedure code; line skipped", segment: 10, line: 1, claimId: "C1" },
    ]);
  });

  test("a transaction that is not an 835 is skipped with an error", () => {
    const text = build835(BASIC_BODY).replace("ST*835*0001", "ST*837*0001");
    const r = read835Text(text);
    expect(r.lines).toEqual([]);
    expect(r.errors).toEqual([
      { code: "NOT_835", message: "segment 3 (ST, line 1): transaction set '837' is not an 835 remittance; skipped", segment: 3, line: 1 },
    ]);
  });

  test("binary junk in the middle is reported and skipped", () => {
    const text = build835(BASIC_BODY, { terminator: "~\n" }).replace("LX*1~", "LX*1~\u0001\u0002\u00ff\u0000~");
    const r = read835Text(text);
    expect(r.lines.map((l) => l.code)).toEqual(["96413", "96415"]);
    expect(codes(r.errors)).toEqual(["BAD_SEGMENT"]);
    expect(r.errors[0]!.segment).toBe(10);
  });

  const read = (...segments: string[]) =>
    read835Text(build835(["BPR*I*200*C*NON************20250310", "N1*PR*PAYER", "LX*1", ...segments]));
});
