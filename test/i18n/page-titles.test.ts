import path from "node:path";
import { describe, expect, it } from "vitest";
import type { Locale } from "../../db/schema";
import { routeModulesMatching, routesDirectory } from "../support/sources";

/**
 * Every page's title comes from the message catalogue in the reader's language (issue 8): the
 * Swedish titles are the ones the pages had, and an English reader gets English ones.
 */

type Meta = (args: {
  data: unknown;
  params: Record<string, string>;
  location: unknown;
  matches: { id: string; data: unknown }[];
}) => { title?: string }[];

/** Route modules (a file, or a folder's route.tsx) that export meta. */
const routeModules = routeModulesMatching(/export const meta\b/);

async function titleOf(file: string, locale: Locale | null, data: unknown = undefined) {
  const module = (await import(/* @vite-ignore */ path.join(routesDirectory, file))) as { meta: Meta };
  const matches = locale ? [{ id: "root", data: { locale } }] : [];
  const tags = module.meta({ data, params: {}, location: {}, matches });
  return tags.find((tag) => tag.title !== undefined)?.title;
}

const titles: Record<string, [string, string]> = {
  "account.tsx": ["Mitt konto – Fråga en gång", "My account – Fråga en gång"],
  "api._index.tsx": ["Öppet API – Fråga en gång", "Open API – Fråga en gång"],
  "admin.deadlines.tsx": ["Svarstider och påminnelser – Fråga en gång", "Answer times and reminders – Fråga en gång"],
  "admin.decline-reasons.tsx": ["Skäl att avböja – Fråga en gång", "Decline reasons – Fråga en gång"],
  "admin.mail.tsx": ["Utgående e-post – Fråga en gång", "Outgoing e-mail – Fråga en gång"],
  "admin.moderering.tsx": ["Publicering och anmälningar – Fråga en gång", "Publishing and reports – Fråga en gång"],
  "admin.search.tsx": ["Sökindexet – Fråga en gång", "The search index – Fråga en gång"],
  "admin.inlarning.tsx": ["Inlärt från användning – Fråga en gång", "Learned from use – Fråga en gång"],
  "admin.sources._index.tsx": ["Katalogkällor – Fråga en gång", "Catalogue sources – Fråga en gång"],
  "admin.sources.$sourceId.tsx": ["Katalogkälla – Fråga en gång", "Catalogue source – Fråga en gång"],
  "admin.triage.$number": ["Hantera förfrågan – Fråga en gång", "Handle request – Fråga en gång"],
  "admin.triage._index.tsx": ["Förfrågningar att hantera – Fråga en gång", "Requests to handle – Fråga en gång"],
  "admin.users.tsx": ["Användare och roller – Fråga en gång", "Users and roles – Fråga en gång"],
  "admin.tidsbesparing._index": ["Sparad tid – Fråga en gång", "Time saved – Fråga en gång"],
  "admin.tidsbesparing.antaganden.tsx": ["Antaganden för sparad tid – Fråga en gång", "Time-saved assumptions – Fråga en gång"],
  "tidsbesparing.metod.tsx": ["Så räknas sparad tid – Fråga en gång", "How time saved is counted – Fråga en gång"],
  "avregistrera.$token.tsx": ["Avregistrera e-post – Fråga en gång", "Unsubscribe from e-mail – Fråga en gång"],
  "datasets.$datasetId.tsx": ["Datamängd – Fråga en gång", "Dataset – Fråga en gång"],
  "datasets._index.tsx": ["Datamängder – Fråga en gång", "Datasets – Fråga en gång"],
  "enkater._index.tsx": ["Enkäter – Fråga en gång", "Surveys – Fråga en gång"],
  "admin.enkater.tsx": ["Inställningar för enkäter – Fråga en gång", "Survey settings – Fråga en gång"],
  "enkater.ny.tsx": ["Ny enkät – Fråga en gång", "New survey – Fråga en gång"],
  "enkater.$surveyId._index.tsx": ["Enkät – Fråga en gång", "Survey – Fråga en gång"],
  "enkater.$surveyId.redigera": ["Redigera enkäten – Fråga en gång", "Edit the survey – Fråga en gång"],
  "enkater.$surveyId.forhandsgranska.tsx": ["Förhandsgranska enkäten – Fråga en gång", "Preview the survey – Fråga en gång"],
  "enkater.$surveyId.skicka.tsx": ["Skicka enkäten – Fråga en gång", "Send the survey – Fråga en gång"],
  "login.tsx": ["Logga in – Fråga en gång", "Sign in – Fråga en gång"],
  "requests.$number": ["Förfrågan – Fråga en gång", "Request – Fråga en gång"],
  "requests._index.tsx": ["Förfrågningar – Fråga en gång", "Requests – Fråga en gång"],
  "requests.new.tsx": ["Fråga efter data – Fråga en gång", "Ask for data – Fråga en gång"],
  "signup.tsx": ["Skapa konto – Fråga en gång", "Create account – Fråga en gång"],
  "signup_.check-email.tsx": ["Titta i din e-post – Fråga en gång", "Check your e-mail – Fråga en gång"],
  "signup_.confirm.$token.tsx": ["Bekräfta ditt konto – Fråga en gång", "Confirm your account – Fråga en gång"],
  "organisationer.$slug.tsx": ["Organisation – Fråga en gång", "Organisation – Fråga en gång"],
  "specifikationer._index.tsx": ["Specifikationer – Fråga en gång", "Specifications – Fråga en gång"],
  "specifikationer.$specificationId.tsx": ["Specifikation – Fråga en gång", "Specification – Fråga en gång"],
  "specifikationer.$specificationId_.redigera.tsx": ["Ändra specifikation – Fråga en gång", "Edit specification – Fråga en gång"],
  "specifikationer.ny.tsx": ["Ny specifikation – Fråga en gång", "New specification – Fråga en gång"],
  "specifikationer.$specificationId_.nytta.tsx": ["Nyttobeskrivning – Fråga en gång", "Benefit description – Fråga en gång"],
  "specifikationer.$specificationId_.nytta_.redigera.tsx": [
    "Ändra nyttobeskrivningens sammanfattning – Fråga en gång",
    "Edit the benefit summary – Fråga en gång",
  ],
  "specifikationer.tackning.tsx": ["Vilka kommuner publicerar vad – Fråga en gång", "Which municipalities publish what – Fråga en gång"],
  "specifikationer.arbetslista.tsx": ["Mest efterfrågat, minst täckt – Fråga en gång", "Most demanded, least covered – Fråga en gång"],
  "specifikationer.arbetslista_.$specificationId.tsx": [
    "Fråga dem som saknar data – Fråga en gång",
    "Ask those who lack the data – Fråga en gång",
  ],
  "statistik.tsx": ["Kommunernas svar i siffror – Fråga en gång", "The municipalities' answers in figures – Fråga en gång"],
  "uppgifter.$taskId": ["Uppgift – Fråga en gång", "Task – Fråga en gång"],
  "uppgifter._index.tsx": ["Uppgifter att besvara – Fråga en gång", "Tasks to answer – Fråga en gång"],
};

/** A folder route is named by its folder, as flat routes name it. */
const keyOf = (file: string) => file.replace(/\/route\.tsx$/, "");

describe("page titles", () => {
  it("cover every page that has a title", () => {
    expect(routeModules.map(keyOf).sort()).toEqual(Object.keys(titles).sort());
  });

  it.each(routeModules)("%s: Swedish as before, English for an English reader, Swedish where the root did not run", async (file) => {
    const [sv, en] = titles[keyOf(file)];
    expect(await titleOf(file, "sv")).toBe(sv);
    expect(await titleOf(file, "en")).toBe(en);
    expect(await titleOf(file, null)).toBe(sv);
  });

  it("a request's, a source's and a specification's own name is their title, a dataset's in the reader's language", async () => {
    const request = routeModules.find((file) => file.startsWith("requests.$number"))!;
    expect(await titleOf(request, "en", { request: { title: "Badplatser i Borås" } })).toBe("Badplatser i Borås – Fråga en gång");
    expect(await titleOf("admin.sources.$sourceId.tsx", "en", { source: { name: "Borås" } })).toBe("Borås – Fråga en gång");
    const specification = { specification: { name: "Badplatser" } };
    expect(await titleOf("specifikationer.$specificationId.tsx", "en", specification)).toBe("Badplatser – Fråga en gång");
    const benefit = { specification: { name: "Badplatser", version: "1.0" } };
    expect(await titleOf("specifikationer.$specificationId_.nytta.tsx", "en", benefit)).toBe(
      "Benefit description: Badplatser 1.0 – Fråga en gång",
    );
    expect(await titleOf("specifikationer.$specificationId_.nytta.tsx", "sv", benefit)).toBe(
      "Nyttobeskrivning: Badplatser 1.0 – Fråga en gång",
    );
    const dataset = { dataset: { title: { sv: "Badplatser", en: "Bathing sites" } } };
    expect(await titleOf("datasets.$datasetId.tsx", "en", dataset)).toBe("Bathing sites – Fråga en gång");
    expect(await titleOf("datasets.$datasetId.tsx", "sv", dataset)).toBe("Badplatser – Fråga en gång");
  });

  it("the portal's own title and description follow the reader's language", async () => {
    const root = (await import("../../app/root")) as unknown as { meta: Meta };
    const en = root.meta({ data: { locale: "en" }, params: {}, location: {}, matches: [{ id: "root", data: { locale: "en" } }] });
    expect(en).toEqual([
      { title: "Fråga en gång – Dataportal Väst" },
      { name: "description", content: "Ask for data once – the municipalities of Västra Götaland answer once." },
    ]);
    const sv = root.meta({ data: { locale: "sv" }, params: {}, location: {}, matches: [{ id: "root", data: { locale: "sv" } }] });
    expect(sv[1]).toEqual({ name: "description", content: "Fråga efter data en gång – kommunerna i Västra Götaland svarar en gång." });
  });
});
