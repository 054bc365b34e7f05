import { describe, expect, it } from "vitest";
import { hasTaskAnswer, TaskAnswer, type TaskAnswerShown } from "../../app/components/task-answer";
import { renderInRoot } from "../support/render-component";

/** What an organisation answered, as the request page's table and the task page both show it. */
const declined: TaskAnswerShown = {
  status: "declined",
  answerText: null,
  declineText: "Uppgifterna finns inte samlade.",
  declineReason: { sv: "Uppgiften finns inte", en: "The data does not exist" },
  datasets: [],
};
const linked: TaskAnswerShown = {
  status: "answered",
  answerText: "Se länkarna.",
  declineText: null,
  declineReason: null,
  datasets: [
    { datasetId: "5b0c3a4e-8a51-4d0e-9f3e-2c1f1b7d9a10", pendingUri: null, title: { sv: "Badplatser", en: "Bathing sites" } },
    { datasetId: null, pendingUri: "https://data.example.se/dataset/ny", title: null },
  ],
};

describe("a task's answer", () => {
  it("shows the decline reason in the reader's language and the text as written", async () => {
    const swedish = await renderInRoot(() => <TaskAnswer answer={declined} survey={false} />, "sv");
    const english = await renderInRoot(() => <TaskAnswer answer={declined} survey={false} />, "en");
    expect(swedish).toContain("Uppgiften finns inte");
    expect(english).toContain("The data does not exist");
    expect(english).toContain("Uppgifterna finns inte samlade.");
  });

  it("links a harvested dataset by its title and marks a link the catalogue has not harvested yet as waiting", async () => {
    const html = await renderInRoot(() => <TaskAnswer answer={linked} survey={false} />, "sv");
    expect(html).toContain(`href="/datasets/${linked.datasets[0]!.datasetId}"`);
    expect(html).toContain("Badplatser");
    expect(html).toMatch(/https:\/\/data\.example\.se\/dataset\/ny <span class="badge">Väntar på katalogen<\/span>/);
  });

  it("has something to show for a decline text alone, a survey answered in full, and nothing for an open task", () => {
    const open: TaskAnswerShown = { status: "pending", answerText: null, declineText: null, declineReason: null, datasets: [] };
    expect(hasTaskAnswer({ ...open, status: "declined", declineText: "Nej." }, false)).toBe(true);
    expect(hasTaskAnswer({ ...open, status: "answered" }, true)).toBe(true);
    expect(hasTaskAnswer({ ...open, status: "answered" }, false)).toBe(false);
    expect(hasTaskAnswer(open, true)).toBe(false);
  });
});
