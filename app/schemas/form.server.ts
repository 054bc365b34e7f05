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

/**
 * A whole number typed into a form, from min to max. A blank field is missing, not 0 (as
 * `z.coerce.number` reads ""), so an emptied field is refused with the message instead of saved as 0.
 */
export function formInteger<M extends string>(message: M, min: number, max: number) {
  return z.preprocess(
    (value) => (typeof value === "string" && value.trim() === "" ? undefined : value),
    z.coerce.number(message).int(message).min(min, message).max(max, message),
  );
}
