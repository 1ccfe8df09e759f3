import { templateUrl } from '../../app/imports.ts';

/** Column headers the import recognises by itself (any other column can be mapped by hand); docs/imports.md says the same. */
const GUEST_LIST: [string, string, string][] = [
  [
    'Guest number',
    'Guest number, Nr., ID, Personalnummer, Employee ID',
    'The organisation’s own number. Rows are matched with existing guests by it first, then by e-mail, then by name.',
  ],
  [
    'Name',
    'Name, Full name, Guest, Teilnehmer — or First name / Vorname and Last name / Nachname',
    'Required. Beside “Vorname”, a column headed “Name” is the surname.',
  ],
  ['E-mail', 'E-mail, Mail, E-Mail-Adresse', 'Must be an address.'],
  ['Party', 'Party, Group, Gruppe, Familie, Begleitung', ''],
  ['Department', 'Department, Company, Abteilung, Firma, Team', ''],
  ['Dietary needs', 'Dietary needs, Diet, Allergies, Ernährung, Menü', ''],
  ['Accessibility needs', 'Accessibility needs, Mobility, Barrierefreiheit, Rollstuhl', ''],
  ['VIP', 'VIP, Ehrengast', 'yes/no, ja/nein, x, 1/0; blank leaves it as it is.'],
  ['Notes', 'Notes, Comment, Bemerkung, Notiz', 'Line breaks are kept.'],
  [
    'Table',
    'Table, Tisch, Tischnummer, Table no',
    '“05”, “T5”, “Tisch 05”, “Table 5” all mean table 5. Missing tables can be created; a full or locked table imports the guest unseated.',
  ],
];
const TABLE_DRAW: [string, string, string][] = [
  ['Table', 'Table, Tisch, Logical table', 'The table guests sit at, matched as in a guest list.'],
  ['Physical table', 'Physical table, Drawn, Position, Platz, Gezogen', 'The label of the physical table it goes to.'],
  ['Room', 'Room, Raum, Saal, Hall', 'Only needed when two rooms have physical tables with the same label.'],
];

function ColumnsTable({ caption, rows }: { caption: string; rows: [string, string, string][] }) {
  return (
    <table className="mapping__table accepted__table">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">Field</th>
          <th scope="col">Headers recognised</th>
          <th scope="col">Notes</th>
        </tr>
      </thead>
      <tbody>
        {rows.map(([field, headers, note]) => (
          <tr key={field}>
            <th scope="row">{field}</th>
            <td>{headers}</td>
            <td className="muted">{note}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** Template files to start from, and the columns the import recognises. */
export function AcceptedColumns() {
  return (
    <div className="accepted" data-testid="import-templates">
      <p>
        Start from a template:{' '}
        <a href={templateUrl('guest-list', 'xlsx')} download data-testid="template-guests-xlsx">
          guest list (.xlsx)
        </a>
        ,{' '}
        <a href={templateUrl('guest-list', 'csv')} download data-testid="template-guests-csv">
          guest list (.csv)
        </a>
        ,{' '}
        <a href={templateUrl('table-draw', 'xlsx')} download data-testid="template-draw-xlsx">
          table draw (.xlsx)
        </a>
        ,{' '}
        <a href={templateUrl('table-draw', 'csv')} download data-testid="template-draw-csv">
          table draw (.csv)
        </a>
        . The plan’s own .xlsx or .csv export can be imported back as it is.
      </p>
      <details>
        <summary>Which columns does the import understand?</summary>
        <p className="muted">
          Headers are recognised in English and German, whatever their case or accents; any other column can be mapped by hand after the upload. Blank
          cells never erase anything.
        </p>
        <ColumnsTable caption="Guest list" rows={GUEST_LIST} />
        <ColumnsTable caption="Table draw" rows={TABLE_DRAW} />
      </details>
    </div>
  );
}
