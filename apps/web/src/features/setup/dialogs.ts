/** The setup dialogs, one chunk (LazyDialogs.tsx). */
export { GuestDialog } from './GuestDialog.tsx';
export { TableDialog } from './TableDialog.tsx';
export { VenueDialog } from './VenueDialog.tsx';
