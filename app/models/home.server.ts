import { listMunicipalityStatistics } from "./organisation-statistics.server";
import { getHomeSummary } from "./time-saved-report.server";

/** How many of the quickest municipalities the home page names. */
const QUICKEST = 3;

/**
 * What the home page says the portal has done: the year's hours saved and requests answered from
 * existing data (getHomeSummary), and how the municipalities answer — the tasks answered, the share
 * answered by their due date, and the quickest municipalities by the statistics page's own ranking.
 */
export async function getHomePage(input: { year: number; today?: string }) {
  const [summary, municipalities] = await Promise.all([
    getHomeSummary({ year: input.year }),
    listMunicipalityStatistics({ today: input.today }),
  ]);
  let answered = 0;
  let answeredInTime = 0;
  let timed = 0;
  for (const m of municipalities) {
    answered += m.answered;
    answeredInTime += m.answeredInTime;
    timed += m.timed;
  }
  const quickest = municipalities
    .filter((m) => m.rank !== null && m.medianWorkingDays !== null)
    .slice(0, QUICKEST)
    .map((m) => ({ name: m.name, slug: m.slug, medianWorkingDays: m.medianWorkingDays!, shareInTime: m.shareInTime! }));
  return {
    ...summary,
    answerTimes: {
      tasksAnswered: answered,
      municipalitiesAnswering: municipalities.filter((m) => m.answered > 0).length,
      /** 0..1 over every municipality's timed tasks; null before the first. */
      shareInTime: timed > 0 ? answeredInTime / timed : null,
      quickest,
    },
  };
}
