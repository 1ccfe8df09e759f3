import { z } from 'zod';
import { ID_RULE, isValidId } from './ids.ts';

/** The id grammar of ids.ts as a zod schema, for every command schema and the wire protocol. */
export const idSchema = z.string().refine(isValidId, { message: ID_RULE });
