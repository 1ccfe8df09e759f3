import { tooManyRows, UPLOAD_LIMITS, UploadError, type RawRow } from './limits.ts';

/** RFC 4180 CSV with the delimiter (comma, semicolon or tab) detected from the first line. */
export function parseCsv(text: string): RawRow[] {
  const firstLine = text.slice(0, text.search(/\r?\n|$/));
  const delimiter = [',', ';', '\t'].map((d) => [d, firstLine.split(d).length] as const).sort((a, b) => b[1] - a[1])[0]![0];
  const rows: RawRow[] = [];
  let cells: string[] = [];
  let cell = '';
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  let cellCount = 0;
  // A cell's characters are taken as runs (text.slice from `run` up to where the run ends), not one by one: adding a
  // character at a time made a string per character, and the parse worker spent most of its time collecting them.
  let run = 0;
  const take = (end: number) => {
    if (end > run) cell += text.slice(run, end);
  };
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        take(i + 1); // one quote of the two
        i++;
        run = i + 1;
      } else if (c === '"') {
        take(i);
        quoted = false;
        run = i + 1;
      } else if (c === '\n') line++;
    } else if (c === '"' && cell === '' && run === i) {
      quoted = true;
      run = i + 1;
    } else if (c === delimiter) {
      take(i);
      cells.push(cell);
      cell = '';
      run = i + 1;
      if (++cellCount > UPLOAD_LIMITS.maxCells) throw tooManyCellsCsv();
    } else if (c === '\n' || c === '\r') {
      take(i);
      if (c === '\r' && text[i + 1] === '\n') i++;
      cells.push(cell);
      rows.push({ rowNumber: rowStart, cells });
      cells = [];
      cell = '';
      run = i + 1;
      rowStart = ++line;
      if (++cellCount > UPLOAD_LIMITS.maxCells) throw tooManyCellsCsv();
    }
    if (rows.length > UPLOAD_LIMITS.maxRows + 1) throw tooManyRows();
  }
  take(text.length);
  if (quoted) throw new UploadError(`A quoted cell starting on line ${rowStart} is never closed.`);
  if (cell !== '' || cells.length > 0) rows.push({ rowNumber: rowStart, cells: [...cells, cell] });
  return rows;
}

const tooManyCellsCsv = () =>
  new UploadError(
    `The file has more than ${UPLOAD_LIMITS.maxCells.toLocaleString('en')} cells. Remove unused columns, or split it into smaller files.`,
  );
