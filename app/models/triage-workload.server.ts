import { db } from "../../db/client.server";
import { listMunicipalityStatistics } from "./organisation-statistics.server";

/** How many municipalities the workload names, busiest first. */
const BUSIEST = 8;

/**
 * The coordinators' workload above the triage queue: requests waiting for triage, open and overdue
 * tasks, and the municipalities with the most open tasks — the statistics page's figures (ADR 024),
 * so the two pages never disagree.
 */
export async function getTriageWorkload(input: { today?: string } = {}) {
  const [waiting, municipalities] = await Promise.all([
    db
      .selectFrom("requests")
      .select((eb) => eb.fn.countAll<string>().as("count"))
      .where("status", "=", "submitted")
      .executeTakeFirstOrThrow(),
    listMunicipalityStatistics({ today: input.today }),
  ]);
  let open = 0;
  let overdue = 0;
  for (const m of municipalities) {
    open += m.open;
    overdue += m.overdue;
  }
  const busiest = municipalities
    .filter((m) => m.open > 0)
    .sort((a, b) => b.open - a.open || b.overdue - a.overdue || a.name.localeCompare(b.name, "sv"))
    .slice(0, BUSIEST)
    .map((m) => ({ name: m.name, slug: m.slug, open: m.open, overdue: m.overdue }));
  return { waiting: Number(waiting.count), open, overdue, busiest };
}
