/**
 * Prints the report's HTML to PDF with the system Chromium (playwright-core): US Letter, page
 * backgrounds kept. The running header and footer on every page (practice · period, the PHI marker,
 * generation date, "Page N of M") are the document's own CSS page-margin boxes (reportPageCss), so
 * the browser's Print → Save as PDF gives the same pages; Chromium's header/footer templates stay
 * off or they would print over them. The HTML is self-contained, so every network request is
 * refused: nothing the document names can leave the machine. SVG charts stay vector.
 */
import { chromium } from "playwright-core";

export type TRenderPdfOptions = { chromiumPath: string };

export const CHROMIUM_ARGS = [
  "--no-sandbox",
  "--disable-gpu",
  "--disable-quic",
  "--no-first-run",
  "--disable-background-networking",
  "--disable-component-update",
  "--disable-sync",
] as const;

export async function renderReportPdf(html: string, options: TRenderPdfOptions): Promise<Buffer> {
  const browser = await chromium.launch({ executablePath: options.chromiumPath, args: [...CHROMIUM_ARGS] });
  try {
    const context = await browser.newContext({ javaScriptEnabled: false, offline: true });
    const page = await context.newPage();
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    await page.emulateMedia({ media: "print" });

    return await page.pdf({
      format: "Letter",
      printBackground: true,
      // Margins come from the document's @page rule, which holds the margin boxes.
      outline: true,
      tagged: true,
    });
  } finally {
    await browser.close();
  }
}
