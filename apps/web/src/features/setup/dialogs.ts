/** The setup dialogs, one chunk fetched when the board is idle or a dialog is first opened (ui/lazy.tsx). */
export { GuestDialog } from './GuestDialog.tsx';
export { TableDialog } from './TableDialog.tsx';
export { VenueDialog } from './VenueDialog.tsx';
