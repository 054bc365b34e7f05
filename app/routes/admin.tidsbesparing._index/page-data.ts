import type { useLoaderData } from "@remix-run/react";
import type { loader } from "./route";

/** What the time-saved report's loader gives its sections. */
export type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;
