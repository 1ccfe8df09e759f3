import { createHash, randomBytes } from 'node:crypto';

/** A fresh secret for a cookie or a link: 32 random bytes, base64url (43 characters). Only its hash is stored. */
export const newSecret = (): string => randomBytes(32).toString('base64url');

/** What the database keeps of a secret: SHA-256, hex. A leaked table opens no session, invite or sign-in link. */
export const hashSecret = (secret: string): string => createHash('sha256').update(secret).digest('hex');

/** A person's stable id: random, never derived from a name, never reused. */
export const newPersonId = (): string => `p-${randomBytes(12).toString('base64url')}`;

/** The shape of every secret Seatfold issues (cookie values and link tokens); anything else is refused unread. */
export const SECRET_PATTERN = /^[A-Za-z0-9_-]{43}$/;
