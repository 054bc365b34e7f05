import { z } from "zod";
import { taskStatuses } from "../domain/tasks";

// Messages are i18n keys (app/i18n/tasks.messages.ts); the forms translate them.

export const TASK_TEXT_MAX_LENGTH = 10_000;
export const inboxDueFilters = ["overdue", "5", "10", "20"] as const;

function validOnly<T extends z.ZodType>(item: T, max: number) {
  return z.array(z.string()).transform((values) =>
    values
      .flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      })
      .slice(0, max),
  );
}

/** The inbox's filters, from its address: anything malformed is dropped rather than refused. */
export const inboxSearchParamsSchema = z.object({
  q: z.string().max(1000).catch("").default(""),
  status: validOnly(z.enum(taskStatuses), taskStatuses.length),
  due: z.enum(inboxDueFilters).optional().catch(undefined),
  organisation: z.uuid().optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1).default(1),
});

/** A task's id in `/uppgifter/<id>`: anything else is a 404, not a database error. */
export const taskIdParam = z.uuid();
