import { describe, expect, it } from "vitest";
import { ErrorSummary, type FormErrors } from "../../app/components/forms";
import { renderInRoot } from "../support/render-component";

/** Server-renders the error summary as a form page shows it after a failed post. */
const renderSummary = (errors: FormErrors, fieldLabels: Record<string, string>, fieldIds?: Record<string, string>) =>
  renderInRoot(() => <ErrorSummary errors={errors} fieldLabels={fieldLabels} fieldIds={fieldIds} />);

describe("the error summary", () => {
  // Labels written as questions ("Vilka data behöver du?") read "…du?: Fyll i …" with a colon glued on.
  it("never puts a colon after a label that ends in a question mark", async () => {
    const html = await renderSummary(
      { formErrors: [], fieldErrors: { body: ["errors.bodyRequired"], title: ["errors.titleRequired"] } },
      { body: "Vilka data behöver du?", title: "Rubrik" },
    );
    expect(html).not.toContain("?:");
    expect(html).toMatch(/Vilka data behöver du\? [^<]+/);
    expect(html).toMatch(/Rubrik: [^<]+/);
  });

  // The field's name is a word of the code ("legalBasis"), not of the reader's language.
  it("shows the message alone, without a link, for a field the page has no label for, never the field's name", async () => {
    const html = await renderSummary({ formErrors: [], fieldErrors: { legalBasis: ["errors.titleRequired"] } }, {});
    expect(html).toContain("<li>Skriv en rubrik.</li>");
    expect(html).not.toContain("legalBasis");
  });

  it("links each message to its field", async () => {
    const html = await renderSummary({ formErrors: [], fieldErrors: { purpose: ["errors.purposeTooLong"] } }, { purpose: "Syfte" });
    expect(html).toContain('href="#purpose"');
  });

  // A page with several forms of one kind (the survey's questions) gives their fields other ids.
  it("links to the id the page gave the field, where it gave one", async () => {
    const html = await renderSummary(
      { formErrors: [], fieldErrors: { text: ["errors.titleRequired"] } },
      { text: "Fråga" },
      { text: "q2-text" },
    );
    expect(html).toContain('href="#q2-text"');
  });
});
