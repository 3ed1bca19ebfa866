/**
 * "Prepared by" on a client report: the consulting firm's name and logo, saved once per user on
 * the account page. Pure checks of what the user sends; the logo is kept as a `data:` URL so the
 * report HTML stays self-contained (Chromium prints it with the network blocked).
 */
export const MAX_FIRM_NAME_LENGTH = 120;
export const MAX_LOGO_BYTES = 256 * 1024;

export type TBrandingInput = { firmName: string; logo: { bytes: Uint8Array; fileName: string } | null; removeLogo: boolean };

export type TBrandingResult =
  | { ok: true; firmName: string | null; logoDataUrl: string | null | undefined }
  | { ok: false; field: "firmName" | "logo"; message: string };

/** The image types a report may embed, recognised by their first bytes (never by the file name). */
function imageMimeType(bytes: Uint8Array): "image/png" | "image/jpeg" | null {
  if (bytes.length >= 8 && [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a].every((value, index) => bytes[index] === value)) return "image/png";
  if (bytes.length >= 3 && bytes[0] === 0xff && bytes[1] === 0xd8 && bytes[2] === 0xff) return "image/jpeg";

  return null;
}

/**
 * The branding to save: the trimmed firm name (null when empty) and the logo as a data URL —
 * `undefined` keeps the saved logo, `null` removes it.
 */
export function checkReportBranding(input: TBrandingInput): TBrandingResult {
  const firmName = input.firmName.replace(/\s+/g, " ").trim();
  if (firmName.length > MAX_FIRM_NAME_LENGTH) return { ok: false, field: "firmName", message: `The firm's name is longer than ${MAX_FIRM_NAME_LENGTH} characters — shorten it.` };
  if (/[\u0000-\u001f\u007f]/.test(firmName)) return { ok: false, field: "firmName", message: "The firm's name contains control characters — type it again." };
  if (input.removeLogo) return { ok: true, firmName: firmName || null, logoDataUrl: null };
  if (!input.logo || input.logo.bytes.length === 0) return { ok: true, firmName: firmName || null, logoDataUrl: undefined };
  if (input.logo.bytes.length > MAX_LOGO_BYTES) {
    return { ok: false, field: "logo", message: `The logo is ${Math.ceil(input.logo.bytes.length / 1024)} KB; the limit is ${MAX_LOGO_BYTES / 1024} KB — save a smaller PNG or JPEG.` };
  }
  const mimeType = imageMimeType(input.logo.bytes);
  if (!mimeType) return { ok: false, field: "logo", message: "The logo must be a PNG or JPEG image (SVG and other formats are not accepted)." };

  return { ok: true, firmName: firmName || null, logoDataUrl: `data:${mimeType};base64,${Buffer.from(input.logo.bytes).toString("base64")}` };
}
