/**
 * exceljs on first use only: importing it costs the process ~28 MB of memory (measured: node alone 39 MB, with
 * exceljs 68 MB), and only the .xlsx downloads in the main thread need it (uploads are parsed in workers).
 */
export async function excel() {
  return (await import('exceljs')).default;
}
