import { describe, expect, it } from "vitest";
import { TextField } from "../../app/components/forms";
import type { Locale } from "../../db/schema";
import { renderInRoot } from "../support/render-component";

/** Server-renders a field with a message in the reader's language. */
const renderFieldWithError = (locale: Locale) =>
  renderInRoot(() => <TextField id="title" name="title" label="Rubrik" errors={["errors.titleRequired"]} />, locale);

describe("a field's message", () => {
  // A screen reader reaching the field hears that this is an error before the message itself.
  it("begins with a hidden 'Fel:' in Swedish and 'Error:' in English", async () => {
    const swedish = await renderFieldWithError("sv");
    expect(swedish).toMatch(/<span class="visually-hidden">Fel: <\/span>Skriv en rubrik/);
    const english = await renderFieldWithError("en");
    expect(english).toMatch(/<span class="visually-hidden">Error: <\/span>[A-Z]/);
    expect(english).not.toContain("Fel:");
  });
});
