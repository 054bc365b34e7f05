import { describe, expect, it } from "vitest";
import { getRequestFeed } from "../../app/models/open-data-feed.server";
import { getRequestForApi } from "../../app/models/public-api.server";
import { describeChange, getRequestPage } from "../../app/models/request-page.server";
import { updateRequestTriage } from "../../app/models/request.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

describe("the request's timeline", () => {
  it("says what an edit changed: that the title changed, and the tags", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const request = await createTestRequest({ title: "Badplatser", status: "submitted", tags: ["bad"] });
    await updateRequestTriage({
      actorUserId: coordinator.id,
      requestId: request.id,
      title: "Badplatser och vattenkvalitet",
      tags: ["bad", "miljö"],
    });
    // Saving again without changing anything says only that the request was saved.
    await updateRequestTriage({
      actorUserId: coordinator.id,
      requestId: request.id,
      title: "Badplatser och vattenkvalitet",
      tags: ["bad", "miljö"],
    });
    const page = await getRequestPage({ requestNumber: request.number, viewerUserId: null });
    const edits = page!.timeline.filter((event) => event.action === "edit");
    expect(edits.map((event) => event.changes)).toEqual([[{ what: "title" }, { what: "tags", to: ["bad", "miljö"] }], []]);
  });

  // Coordinators edit a title to take out a name or a phone number; the old one must not come back.
  it("never shows a title an edit replaced, on the page, in the events feed or in the API", async () => {
    const coordinator = await createTestUser({ role: "coordinator" });
    const request = await createTestRequest({ title: "Lekplatser, ring Anna 070-1234567", status: "submitted" });
    await updateRequestTriage({ actorUserId: coordinator.id, requestId: request.id, title: "Lekplatser", tags: [] });
    const [page, feed, api] = await Promise.all([
      getRequestPage({ requestNumber: request.number, viewerUserId: null }),
      getRequestFeed({ requestNumber: request.number }),
      getRequestForApi({ requestNumber: request.number, origin: "https://example.test" }),
    ]);
    for (const shown of [page, feed, api]) {
      expect(shown).toBeTruthy();
      expect(JSON.stringify(shown)).not.toContain("070-1234567");
    }
    expect(page!.timeline.find((event) => event.action === "edit")!.changes).toEqual([{ what: "title" }]);
  });

  it("reads older events without the tags before, and deadline moves", () => {
    expect(describeChange("edit", { previousTitle: "A", title: "A", tags: [] })).toEqual([]);
    expect(describeChange("edit", { previousTitle: "A", title: "A", tags: ["x"] })).toEqual([{ what: "tags", to: ["x"] }]);
    expect(describeChange("change_deadline", { from: "2027-01-04", to: "2027-01-18", taskIds: [] })).toEqual([
      { what: "dueDate", from: "2027-01-04", to: "2027-01-18" },
    ]);
    expect(describeChange("follow_tasks", null)).toEqual([]);
  });
});
