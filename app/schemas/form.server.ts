import { z } from "zod";

/** A form whose only input is the button: still parsed, so a hand-made body is a 400 like any other. */
export const emptyFormSchema = z.object({});

/** Keeps the valid values of a repeated parameter: a page never fails on a hand-edited address. */
export function validOnly<T extends z.ZodType>(item: T, max: number) {
  return z.array(z.string()).transform((values) =>
    values
      .flatMap((value) => {
        const parsed = item.safeParse(value);
        return parsed.success ? [parsed.data as z.output<T>] : [];
      })
      .slice(0, max),
  );
}
