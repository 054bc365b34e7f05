/**
 * How fast the municipalities' side answers over HTTP (issue 9): the inbox `/uppgifter` of a Borås
 * responder with 5,000 Borås tasks, and the public statistics `/statistik` (with its CSV and the
 * organisation page) over 50,000 tasks of the 49 municipalities. Loads a bench database, starts the
 * portal as `npm start` does, asks each case one at a time after a warm-up, interleaved, and
 * prints p50/p95/max per case. Target: p95 ≤ 100 ms for the inbox and the statistics page.
 *
 *   node --import tsx test/bench/task-pages.ts [--tasks 50000] [--boras 5000] [--rounds 40] [--keep] [--reuse]
 */
import os from "node:os";
import { parseArgs } from "node:util";
import { startPortal } from "../support/portal";
import { benchDatabase } from "./match-database";
import { percentile, timingLine } from "./timing";

const TOPICS = [
  "Badplatser och badvattenkvalitet",
  "Laddplatser för elbil",
  "Förskolor och lediga platser",
  "Lekplatser och utrustning",
  "Återvinningsstationer",
  "Bygglov och handläggningstider",
  "Trafikolyckor med cyklister",
  "Luftkvalitet i tätorten",
  "Skolresultat per skola",
  "Parkeringsplatser och avgifter",
  "Hemtjänst och väntetider",
  "Naturreservat och vandringsleder",
];

const CASES: [string, string, "inbox" | "statistics" | "other"][] = [
  ["inbox: default (overdue first)", "/uppgifter", "inbox"],
  ["inbox: not started", "/uppgifter?status=pending", "inbox"],
  ["inbox: overdue", "/uppgifter?due=overdue", "inbox"],
  ["inbox: due within 10 working days", "/uppgifter?due=10", "inbox"],
  ["inbox: text (badplatser)", "/uppgifter?q=badplatser", "inbox"],
  ["inbox: page 40", "/uppgifter?page=40", "inbox"],
  ["statistics page", "/statistik", "statistics"],
  ["statistics CSV", "/statistik.csv", "other"],
  ["organisation page: Borås", "/organisationer/boras", "other"],
  ["organisation page: Borås, page 60", "/organisationer/boras?page=60", "other"],
  ["organisation page: Skövde", "/organisationer/skovde", "other"],
];

function random(seed: number) {
  // Deterministic, so two runs load the same tasks.
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

async function main() {
  const { values } = parseArgs({
    options: {
      tasks: { type: "string", default: "50000" },
      boras: { type: "string", default: "5000" },
      rounds: { type: "string", default: "40" },
      keep: { type: "boolean", default: false },
      reuse: { type: "boolean", default: false },
    },
  });
  const taskCount = Number(values.tasks);
  const borasCount = Number(values.boras);
  // A cluster of its own, so the other benchmarks can run beside it.
  const database = await benchDatabase("fraga_bench_tasks", { reuse: values.reuse, dataDir: ".data/bench-tasks" });
  try {
    const { db } = await import("../../db/client.server");
    const { sql } = await import("kysely");
    const loaded = await db.selectFrom("users").select("id").where("email", "=", "svarare@boras.bench.example").executeTakeFirst();
    if (!loaded) {
      const started = performance.now();
      await loadTasks(db, taskCount, borasCount);
      console.log(`Loaded ${taskCount} tasks (${borasCount} of them Borås's) in ${((performance.now() - started) / 1000).toFixed(0)} s.`);
      // Fresh statistics, as autovacuum would have them on a running server.
      await sql`VACUUM ANALYZE`.execute(db);
    } else {
      const { n } = await db
        .selectFrom("tasks")
        .select((eb) => eb.fn.countAll<number>().as("n"))
        .executeTakeFirstOrThrow();
      console.log(`Reusing ${n} tasks.`);
    }
    const { sessionCookieFor } = await import("../factories/user");
    const responder = await db
      .selectFrom("users")
      .select("id")
      .where("email", "=", "svarare@boras.bench.example")
      .executeTakeFirstOrThrow();
    const cookie = await sessionCookieFor(responder.id);

    const portal = await startPortal({ DATABASE_URL: database.url, DEMO_DATA: "off" });
    const ask = async (path: string) => {
      const started = performance.now();
      const response = await fetch(`${portal.url}${path}`, { headers: { Cookie: cookie } });
      await response.text();
      if (!response.ok) throw new Error(`${response.status} for ${path}`);
      return performance.now() - started;
    };
    for (const [, path] of CASES) for (let i = 0; i < 5; i++) await ask(path); // warm-up: plans, caches, connections

    const loadBefore = os.loadavg()[0];
    const rounds = Number(values.rounds);
    const byCase = new Map<string, number[]>(CASES.map(([name]) => [name, []]));
    // Interleaved, so a slow moment of the machine falls on every case alike.
    for (let round = 0; round < rounds; round++) for (const [name, path] of CASES) byCase.get(name)!.push(await ask(path));
    await portal.stop();

    const all = (kind: string) => CASES.filter(([, , k]) => k === kind).flatMap(([name]) => byCase.get(name)!);
    // The machine is often shared: the load says how far the figures are from a quiet machine's.
    const load = `1-minute load average ${loadBefore.toFixed(1)} → ${os.loadavg()[0].toFixed(1)} on ${os.cpus().length} cores`;
    console.log(`\n${taskCount} tasks (Borås ${borasCount}); each case ${rounds} times over HTTP, one at a time; ${load}:`);
    console.log(`  ${"case".padEnd(40)} ${"p50".padStart(8)} ${"p95".padStart(8)} ${"max".padStart(8)}`);
    for (const [name] of CASES) console.log(`  ${timingLine(name, byCase.get(name)!, 40)}`);
    const inbox = all("inbox");
    const statistics = all("statistics");
    console.log(`  ${timingLine("all inbox cases (target p95 ≤ 100 ms)", inbox, 40)}`);
    console.log(`  ${timingLine("statistics page (target p95 ≤ 100 ms)", statistics, 40)}`);
    const p95 = (times: number[]) =>
      percentile(
        [...times].sort((a, b) => a - b),
        95,
      );
    if (p95(inbox) > 100 || p95(statistics) > 100) console.log("  ! a target was missed on this run");
  } finally {
    await database.stop({ keep: values.keep || values.reuse });
  }
}

/**
 * Tasks shaped like two busy years: requests asking Borås and a few other municipalities, routed
 * over the last two years, due 20 working days after routing; tasks in every state, most done
 * (some late), the rest open (some overdue); a third of the answers linking a dataset. Written
 * directly, in batches (the workflow's commands are timed by their own tests).
 */
async function loadTasks(db: (typeof import("../../db/client.server"))["db"], taskCount: number, borasCount: number) {
  const { daysOffInYear } = await import("../../app/utils/working-days");
  const { todayInSweden } = await import("../../app/utils/dates");
  const next = random(9);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const organisations = await db.selectFrom("organisations").select(["id", "kommunkod", "type"]).execute();
  const municipalities = organisations.filter((o) => o.type === "municipality");
  const boras = municipalities.find((o) => o.kommunkod === "1490")!;
  const others = municipalities.filter((o) => o !== boras);

  // The working days of the span, to set due dates and answers in working days without a library call per task.
  const today = todayInSweden();
  const firstYear = Number(today.slice(0, 4)) - 2;
  const workingDays: string[] = [];
  for (let year = firstYear; year <= firstYear + 3; year++) {
    const off = new Set(daysOffInYear(year));
    for (const date = new Date(Date.UTC(year, 0, 1, 12)); date.getUTCFullYear() === year; date.setUTCDate(date.getUTCDate() + 1)) {
      const day = date.toISOString().slice(0, 10);
      if (date.getUTCDay() % 6 !== 0 && !off.has(day)) workingDays.push(day);
    }
  }
  const todayIndex = workingDays.findIndex((day) => day >= today);
  const at = (day: string, hour: number) => new Date(`${day}T${String(hour).padStart(2, "0")}:00:00+01:00`);

  const requester = await db
    .insertInto("users")
    .values({ email: "fragare@bench.example", name: "Frågare", password_hash: "no sign-in in the benchmark" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const responder = await db
    .insertInto("users")
    .values({ email: "svarare@boras.bench.example", name: "Svarare i Borås", password_hash: "no sign-in in the benchmark" })
    .returning("id")
    .executeTakeFirstOrThrow();
  await db.insertInto("memberships").values({ user_id: responder.id, organisation_id: boras.id, role: "responder" }).execute();

  const source = await db
    .insertInto("catalogue_sources")
    .values({ name: "Benchkatalog", kind: "dcat", location: "bench://tasks" })
    .returning("id")
    .executeTakeFirstOrThrow();
  const datasetIds: string[] = [];
  for (let start = 0; start < 1000; start += 500) {
    const rows = await db
      .insertInto("datasets")
      .values(
        Array.from({ length: 500 }, (_, i) => ({
          uri: `https://data.bench.example/dataset/${start + i}`,
          source_id: source.id,
          publisher_organisation_id: pick(municipalities).id,
          title: JSON.stringify({ sv: `${pick(TOPICS)} ${start + i}` }),
          content_hash: `bench-${start + i}`,
        })),
      )
      .returning("id")
      .execute();
    datasetIds.push(...rows.map((row) => row.id));
  }

  // Half the requests ask Borås; each asks some others, so the tasks add up to taskCount.
  const requestCount = borasCount * 2;
  const othersPerRequest = (taskCount - borasCount) / requestCount;
  let tasksWritten = 0;
  for (let start = 0; start < requestCount; start += 500) {
    const batch = Array.from({ length: Math.min(500, requestCount - start) }, (_, k) => {
      const n = start + k;
      const routedIndex = Math.max(0, todayIndex - Math.floor(next() * 480));
      const asked = new Set<(typeof municipalities)[number]>();
      if (n % 2 === 0) asked.add(boras);
      const wanted = Math.floor(othersPerRequest) + (next() < othersPerRequest % 1 ? 1 : 0);
      while (asked.size < (n % 2 === 0 ? 1 : 0) + wanted) asked.add(pick(others));
      const topic = pick(TOPICS);
      return { n, routedIndex, asked: [...asked], topic };
    });
    const requests = await db
      .insertInto("requests")
      .values(
        batch.map((b) => {
          const routed = at(workingDays[b.routedIndex], 9);
          return {
            title: `${b.topic} (${b.n})`,
            body: `Vi behöver ${b.topic.toLowerCase()} som öppna data, helst CSV, uppdaterade varje kvartal. Förfrågan ${b.n}.`,
            purpose: "Att slippa fråga varje kommun för sig.",
            requester_user_id: requester.id,
            requester_type: "company" as const,
            target_scope: "chosen" as const,
            // Mostly still open to answers; some closed, withdrawn or merged away.
            status: next() < 0.85 ? ("open" as const) : pick(["closed", "withdrawn", "duplicate"] as const),
            due_date: workingDays[b.routedIndex + 20],
            created_at: routed,
            updated_at: routed,
          };
        }),
      )
      .returning(["id"])
      .execute();
    const taskRows = batch.flatMap((b, i) =>
      b.asked.map((organisation) => {
        const routed = workingDays[b.routedIndex];
        const due = workingDays[b.routedIndex + 20];
        const age = todayIndex - b.routedIndex;
        // Older tasks are mostly done; a fifth of the answers come after the due date.
        const done = next() < Math.min(0.95, age / 30);
        const answerIndex = b.routedIndex + 1 + Math.floor(next() < 0.8 ? next() * 20 : 20 + next() * 25);
        const answered = done && answerIndex <= todayIndex;
        const status = answered
          ? pick(["answered", "answered", "answered", "published", "not_held", "declined"] as const)
          : pick(["pending", "in_progress"] as const);
        return {
          request_id: requests[i].id,
          organisation_id: organisation.id,
          status,
          due_date: due,
          created_at: at(routed, 9),
          answered_at: answered ? at(workingDays[answerIndex], 14) : null,
          answer_text: answered ? "Svar i benchmarken." : null,
          assignee_user_id: organisation === boras && next() < 0.5 ? responder.id : null,
        };
      }),
    );
    const tasks = await db.insertInto("tasks").values(taskRows).returning(["id", "status"]).execute();
    const links = tasks
      .filter((task) => (task.status === "answered" || task.status === "published") && next() < 0.35)
      .map((task) =>
        next() < 0.9
          ? { task_id: task.id, dataset_id: pick(datasetIds) }
          : { task_id: task.id, pending_uri: `https://data.bench.example/kommer/${task.id}` },
      );
    if (links.length)
      await db
        .insertInto("task_datasets")
        .values(links)
        .onConflict((oc) => oc.doNothing())
        .execute();
    await db
      .insertInto("request_targets")
      .values(taskRows.map((t) => ({ request_id: t.request_id, organisation_id: t.organisation_id })))
      .execute();
    tasksWritten += tasks.length;
    process.stdout.write(`\r  loaded ${start + batch.length} requests, ${tasksWritten} tasks`);
  }
  process.stdout.write("\n");
}

main().then(
  () => process.exit(0),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
