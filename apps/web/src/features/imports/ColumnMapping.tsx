import type { UploadedSheet } from '../../app/imports.ts';

/** One row per column of the sheet: its header, what it holds (a select), and an example from the file. */
export function ColumnMapping({
  sheet,
  fields,
  columns,
  onChange,
}: {
  sheet: UploadedSheet;
  fields: { field: string; label: string }[];
  columns: (string | null)[];
  onChange: (i: number, field: string | null) => void;
}) {
  if (sheet.headers.length === 0) {
    return (
      <p className="notice notice--error" role="alert">
        The sheet “{sheet.name}” is empty. Choose another sheet or file.
      </p>
    );
  }
  return (
    <div className="mapping" role="group" aria-label="What each column holds">
      <table className="mapping__table">
        <thead>
          <tr>
            <th scope="col">Column in the file</th>
            <th scope="col">Holds</th>
            <th scope="col">Example</th>
          </tr>
        </thead>
        <tbody>
          {sheet.headers.map((h, i) => (
            <tr key={`${i}-${h}`}>
              <th scope="row">{h}</th>
              <td>
                <select
                  aria-label={`Column “${h}” holds`}
                  data-testid={`map-${i}`}
                  value={columns[i] ?? ''}
                  onChange={(e) => onChange(i, e.target.value || null)}
                >
                  <option value="">— ignore —</option>
                  {fields.map((f) => (
                    <option key={f.field} value={f.field}>
                      {f.label}
                    </option>
                  ))}
                </select>
              </td>
              <td className="muted truncate">
                {sheet.sample
                  .map((r) => r[i])
                  .filter(Boolean)
                  .slice(0, 2)
                  .join(', ')}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
