// Prints the text of a PDF (read from stdin) as JSON: one string per page. Tests run it as a child
// process because pdfjs-dist is ESM-only and Jest runs the specs as CommonJS.
import { getDocument } from 'pdfjs-dist/legacy/build/pdf.mjs';

const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const pdf = await getDocument({ data: new Uint8Array(Buffer.concat(chunks)), useSystemFonts: false, isEvalSupported: false, verbosity: 0 }).promise;
const pages = [];
for (let i = 1; i <= pdf.numPages; i++) {
  const content = await (await pdf.getPage(i)).getTextContent();
  let text = '';
  for (const item of content.items) text += item.str + (item.hasEOL ? '\n' : ' ');
  pages.push(text.replace(/[ \t]+/g, ' '));
}
process.stdout.write(JSON.stringify({ numPages: pdf.numPages, info: (await pdf.getMetadata()).info, pages }));
