export { MembersButton } from './MembersPanel.tsx';
export { ClaimPage } from './ClaimPage.tsx';
export { SignInPage } from './SignInPage.tsx';
