import { exportUrl, floorPdfUrl, printPath } from '../../app/imports.ts';
import { DownloadLink } from './DownloadLink.tsx';

/** Exports and print, for everybody with a link. */
export function ExportsPanel({ token }: { token: string }) {
  return (
    <section className="panel" aria-labelledby="exports-title">
      <header className="panel__head">
        <h2 id="exports-title">Export &amp; print</h2>
        <span className="muted">The plan as it is now, for Excel, the venue or the printer.</span>
      </header>
      <div className="panel__actions">
        <DownloadLink href={exportUrl(token, 'xlsx')} testId="export-xlsx">
          Download .xlsx
        </DownloadLink>
        <DownloadLink href={exportUrl(token, 'csv')} testId="export-csv">
          Download .csv
        </DownloadLink>
        <DownloadLink
          href={exportUrl(token, 'excel-csv')}
          testId="export-csv-excel"
          title="Semicolon-separated, for Excel set to German or another language that writes decimals with a comma"
        >
          CSV (Excel, semicolons)
        </DownloadLink>
        <a className="button" href={printPath(token, 'tables')} target="_blank" rel="noopener" data-testid="print-tables">
          Print table lists
        </a>
        <a className="button" href={printPath(token, 'cards')} target="_blank" rel="noopener" data-testid="print-cards">
          Print place cards
        </a>
        <DownloadLink href={floorPdfUrl(token, false)} testId="print-floor">
          Floor plans (PDF)
        </DownloadLink>
        <DownloadLink href={floorPdfUrl(token, true)} testId="print-floor-names">
          Floor plans with names (PDF)
        </DownloadLink>
      </div>
      <p className="muted panel__note">
        The workbook has a sheet per room and a sheet of all guests with their table and physical table. If Excel opens the .csv as a single column
        (German Excel does), take “CSV (Excel, semicolons)”. Print pages open in a new tab; use your browser’s “Save as PDF” for a file. The floor
        plans are a PDF page per room, with table numbers and meals per table for the venue and the caterer.
      </p>
    </section>
  );
}
