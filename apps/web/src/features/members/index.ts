export { MembersButton } from './MembersPanel.tsx';
export { ClaimPage } from './ClaimPage.tsx';
export { SignInPage } from './SignInPage.tsx';
export { ConfirmEmailPage } from './ConfirmEmailPage.tsx';
export { AccountEmail } from './AccountEmail.tsx';
export { NameAsk } from './NameAsk.tsx';
