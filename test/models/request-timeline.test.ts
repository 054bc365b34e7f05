import { describe, expect, it } from "vitest";
import { describeChange, getRequestPage } from "../../app/models/request-page.server";
import { updateRequestTriage } from "../../app/models/request.server";
import { createTestRequest } from "../factories/request";
import { createTestUser } from "../factories/user";

describe("the request's timeline", () => {
  it("says what an edit changed: the title from and to, and the tags", async () => {
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
    expect(edits.map((event) => event.changes)).toEqual([
      [
        { what: "title", from: "Badplatser", to: "Badplatser och vattenkvalitet" },
        { what: "tags", to: ["bad", "miljö"] },
      ],
      [],
    ]);
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
