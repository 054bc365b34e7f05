import { z } from "zod";

/** A form whose only input is the button: still parsed, so a hand-made body is a 400 like any other. */
export const emptyFormSchema = z.object({});
