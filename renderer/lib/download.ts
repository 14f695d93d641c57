// Saving data the user exported: CSV text and PNG images of charts.

export function downloadBlob(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = filename;
  a.rel = 'noopener';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

/** RFC 4180 CSV; cells that a spreadsheet would run as a formula are prefixed with '. */
export function toCsv(
  header: string[],
  rows: (string | number | boolean | null | undefined)[][],
): string {
  const cell = (v: string | number | boolean | null | undefined): string => {
    let s = v === null || v === undefined ? '' : String(v);
    if (/^[=+\-@\t\r]/.test(s) && typeof v === 'string') s = `'${s}`;
    return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  return [header, ...rows].map((r) => r.map(cell).join(',')).join('\r\n') + '\r\n';
}

export function downloadCsv(
  filename: string,
  header: string[],
  rows: (string | number | boolean | null | undefined)[][],
): void {
  downloadBlob(new Blob([toCsv(header, rows)], { type: 'text/csv;charset=utf-8' }), filename);
}

/** Renders an <svg> (a chart) to PNG at 2× for sharp slides and tickets. */
export async function svgToPngBlob(
  svg: SVGSVGElement,
  background: string,
  scale = 2,
): Promise<Blob> {
  const { width, height } = svg.getBoundingClientRect();
  const clone = svg.cloneNode(true) as SVGSVGElement;
  clone.setAttribute('xmlns', 'http://www.w3.org/2000/svg');
  clone.setAttribute('width', String(width));
  clone.setAttribute('height', String(height));
  inlineTextStyles(svg, clone);
  const xml = new XMLSerializer().serializeToString(clone);
  const img = new Image();
  img.src = `data:image/svg+xml;charset=utf-8,${encodeURIComponent(xml)}`;
  await img.decode();
  const canvas = document.createElement('canvas');
  canvas.width = Math.round(width * scale);
  canvas.height = Math.round(height * scale);
  const ctx = canvas.getContext('2d');
  if (!ctx) throw new Error('No 2D canvas available');
  ctx.fillStyle = background;
  ctx.fillRect(0, 0, canvas.width, canvas.height);
  ctx.scale(scale, scale);
  ctx.drawImage(img, 0, 0, width, height);
  return new Promise((resolve, reject) =>
    canvas.toBlob((b) => (b ? resolve(b) : reject(new Error('PNG encoding failed'))), 'image/png'),
  );
}

// Text in the page is styled by our stylesheet, which the standalone SVG image does not have.
function inlineTextStyles(source: SVGSVGElement, clone: SVGSVGElement): void {
  const from = source.querySelectorAll('text');
  const to = clone.querySelectorAll('text');
  from.forEach((el, i) => {
    const style = getComputedStyle(el);
    const target = to[i];
    if (!target) return;
    target.setAttribute('font-family', style.fontFamily);
    target.setAttribute('font-size', style.fontSize);
    if (!target.getAttribute('fill')) target.setAttribute('fill', style.fill || style.color);
  });
}

export const fileStamp = (d = new Date()): string =>
  d.toISOString().slice(0, 16).replace(/[:T]/g, '-');
