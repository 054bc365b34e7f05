import { describe, expect, it } from "vitest";
import { deadlineSettingsSchema } from "../../app/schemas/deadline.server";
import { routeRequestSchema } from "../../app/schemas/request.server";
import { surveyDetailsSchema, surveySettingsSchema } from "../../app/schemas/survey.server";
import { assumptionsFormSchema } from "../../app/schemas/time-saved.server";
import { surveyAnswerTypes } from "../../app/domain/surveys";

/** The message keys a form would show, by field. */
function refusals(result: { success: boolean; error?: { issues: { path: PropertyKey[]; message: string }[] } }) {
  expect(result.success).toBe(false);
  return Object.fromEntries(result.error!.issues.map((issue) => [issue.path.join("."), issue.message]));
}

// A blank number field is read by z.coerce as 0: an emptied "minutes" or "reminder lead" field saved
// a permanent 0 (a new assumptions version crediting nothing, reminders on the due date itself).
describe("a number field left blank on a settings form", () => {
  it("is refused with the field's message, not saved as 0", () => {
    expect(refusals(deadlineSettingsSchema.safeParse({ defaultWorkingDays: "20", reminderWorkingDays: " " }))).toEqual({
      reminderWorkingDays: "errors.reminderWorkingDaysInvalid",
    });
    const assumptions = {
      municipalityLow: "120",
      municipalityCentral: "240",
      municipalityHigh: "480",
      regionLow: "",
      regionCentral: "240",
      regionHigh: "480",
      questionPercentLow: "50",
      questionPercentHigh: "150",
      note: "Ny skattning",
    };
    expect(refusals(assumptionsFormSchema.safeParse(assumptions))).toEqual({ regionLow: "errors.assumptionMinutesInvalid" });
    expect(refusals(assumptionsFormSchema.safeParse({ ...assumptions, regionLow: "60", questionPercentLow: "" }))).toEqual({
      questionPercentLow: "errors.assumptionPercentInvalid",
    });
    const settings = {
      validityMonths: "12",
      recentlyAskedMonths: "",
      ...Object.fromEntries(surveyAnswerTypes.map((type) => [`minutes.${type}`, "5"])),
    };
    expect(refusals(surveySettingsSchema.safeParse(settings))).toEqual({ recentlyAskedMonths: "errors.surveyRecentInvalid" });
    expect(refusals(surveySettingsSchema.safeParse({ ...settings, recentlyAskedMonths: "6", "minutes.text": "" }))).toEqual({
      "minutes.text": "errors.surveyMinutesInvalid",
    });
  });

  it("still reads typed numbers, with zero where zero is allowed", () => {
    expect(deadlineSettingsSchema.parse({ defaultWorkingDays: " 20 ", reminderWorkingDays: "0" })).toEqual({
      defaultWorkingDays: 20,
      reminderWorkingDays: 0,
    });
    expect(surveyDetailsSchema.safeParse({ title: "Lokaler", deadlineWorkingDays: "" }).success).toBe(false);
    expect(routeRequestSchema.safeParse({ intent: "route", organisationIds: [crypto.randomUUID()], workingDays: "" }).success).toBe(false);
  });
});
