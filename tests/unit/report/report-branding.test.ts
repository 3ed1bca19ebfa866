import { describe, expect, test } from "vitest";
import { checkReportBranding, MAX_LOGO_BYTES } from "@/lib/report/report-branding";

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]);
const JPEG = Uint8Array.from([0xff, 0xd8, 0xff, 0xe0, 0, 16]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>');

describe("report branding", () => {
  test("a firm name is trimmed and its spaces collapsed; empty means none", () => {
    expect(checkReportBranding({ firmName: "  Acme   Revenue  Partners ", logo: null, removeLogo: false })).toEqual({ ok: true, firmName: "Acme Revenue Partners", logoDataUrl: undefined });
    expect(checkReportBranding({ firmName: "   ", logo: null, removeLogo: false })).toMatchObject({ ok: true, firmName: null });
  });

  test("a long name or control characters are refused with the field named", () => {
    expect(checkReportBranding({ firmName: "x".repeat(121), logo: null, removeLogo: false })).toMatchObject({ ok: false, field: "firmName" });
    expect(checkReportBranding({ firmName: "Acme\u0007", logo: null, removeLogo: false })).toMatchObject({ ok: false, field: "firmName" });
  });

  test("PNG and JPEG logos become data URLs, recognised by their bytes", () => {
    const png = checkReportBranding({ firmName: "Acme", logo: { bytes: PNG, fileName: "logo.jpg" }, removeLogo: false });
    expect(png.ok && png.logoDataUrl).toBe(`data:image/png;base64,${Buffer.from(PNG).toString("base64")}`);
    const jpeg = checkReportBranding({ firmName: "Acme", logo: { bytes: JPEG, fileName: "logo.png" }, removeLogo: false });
    expect(jpeg.ok && jpeg.logoDataUrl).toMatch(/^data:image\/jpeg;base64,/);
  });

  test("SVG (scripts), other files and oversized images are refused", () => {
    expect(checkReportBranding({ firmName: "", logo: { bytes: SVG, fileName: "logo.png" }, removeLogo: false })).toMatchObject({ ok: false, field: "logo" });
    const big = new Uint8Array(MAX_LOGO_BYTES + 1);
    big.set(PNG);
    expect(checkReportBranding({ firmName: "", logo: { bytes: big, fileName: "big.png" }, removeLogo: false })).toMatchObject({ ok: false, field: "logo", message: expect.stringContaining("256 KB") });
  });

  test("no file keeps the saved logo; remove deletes it", () => {
    expect(checkReportBranding({ firmName: "", logo: { bytes: new Uint8Array(), fileName: "" }, removeLogo: false })).toMatchObject({ ok: true, logoDataUrl: undefined });
    expect(checkReportBranding({ firmName: "", logo: { bytes: PNG, fileName: "x.png" }, removeLogo: true })).toMatchObject({ ok: true, logoDataUrl: null });
  });
});
