import { describe, expect, it } from "vitest";
import { db } from "../../../db/client.server";
import { up } from "../../../db/migrations/2026-12-07T0900_survey-requests-unnamed";
import { createTestRequest } from "../../factories/request";
import { createTestSurvey } from "../../factories/survey";

const shownAs = async (id: string) =>
  (await db.selectFrom("requests").select("requester_shown_as").where("id", "=", id).executeTakeFirstOrThrow()).requester_shown_as;

describe("the migration that stops naming private survey senders", () => {
  it("shows an already-sent survey's request anonymously, and leaves a data request shown by the name its requester chose", async () => {
    const { requestId } = await createTestSurvey({ send: true });
    // As a survey sent before the fix was stored.
    await db.updateTable("requests").set({ requester_shown_as: "name" }).where("id", "=", requestId!).execute();
    const dataRequest = await createTestRequest({ requesterShownAs: "name" });

    await up(db);

    expect(await shownAs(requestId!)).toBe("anonymous");
    expect(await shownAs(dataRequest.id)).toBe("name");
  });
});
