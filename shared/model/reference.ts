import { z } from 'zod';

/** Enough of a document to name it in a list without loading it. */
export const DocumentRefSchema = z.object({
  id: z.string(),
  name: z.string(),
  title: z.string(),
});
export type DocumentRef = z.infer<typeof DocumentRefSchema>;
