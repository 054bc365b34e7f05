/**
 * The busy register the HTTP benchmarks load (test/bench/request-list.ts, test/bench/open-data.ts):
 * 10,000 requests over three years in every status, most asking one to three municipalities, some
 * all of them or the region, tagged, with votes as rows. Deterministic, so two runs load the same.
 */

const TOPICS = [
  {
    title: "Badplatser och badvattenkvalitet",
    body: "badplatser med läge, service och provtagning av badvatten under säsongen",
    tag: "bad",
  },
  { title: "Laddplatser för elbil", body: "publika laddplatser med antal laddpunkter, effekt och ägare", tag: "energi" },
  { title: "Förskolor och lediga platser", body: "förskolor med adress, antal avdelningar och lediga platser per månad", tag: "skola" },
  {
    title: "Lekplatser och utrustning",
    body: "lekplatser med läge, utrustning och tillgänglighet för barn med funktionsnedsättning",
    tag: "fritid",
  },
  { title: "Återvinningsstationer", body: "återvinningsstationer och vilka förpackningar som kan lämnas där", tag: "avfall" },
  { title: "Bygglov och handläggningstider", body: "beviljade bygglov per år och handläggningstid i veckor", tag: "bygglov" },
  { title: "Trafikolyckor med cyklister", body: "trafikolyckor där cyklister skadats, med plats och tidpunkt", tag: "trafik" },
  { title: "Luftkvalitet i tätorten", body: "mätningar av kvävedioxid och partiklar vid kommunens mätstationer", tag: "miljö" },
  { title: "Kommunens fastigheter och energianvändning", body: "kommunala fastigheter med yta och energianvändning per år", tag: "energi" },
  { title: "Skolresultat per skola", body: "meritvärden och andel behöriga till gymnasiet per grundskola", tag: "skola" },
  { title: "Hämtning av hushållsavfall", body: "tömningsscheman för hushållsavfall per område och veckodag", tag: "avfall" },
  { title: "Parkeringsplatser och avgifter", body: "allmänna parkeringsplatser med avgifter och tidsbegränsningar", tag: "trafik" },
  { title: "Leverantörsreskontra", body: "kommunens utbetalningar till leverantörer per månad med belopp", tag: "ekonomi" },
  { title: "Hemtjänst och väntetider", body: "antal timmar hemtjänst och väntetid till särskilt boende", tag: "omsorg" },
  { title: "Gång- och cykelvägar", body: "gång- och cykelvägnätet med belysning och vinterväghållning", tag: "trafik" },
  { title: "Naturreservat och vandringsleder", body: "naturreservat, vandringsleder och rastplatser med koordinater", tag: "natur" },
  { title: "Enkät om digitalisering", body: "frågor om e-tjänster, digitala möten och användning av molntjänster", tag: "digitalisering" },
  { title: "Enkät om krisberedskap", body: "frågor om reservkraft, nödvatten och samverkan vid kris", tag: "krisberedskap" },
];
const EXTRA_TAGS = ["öppna data", "karta", "statistik", "app", "forskning", "tillgänglighet", "klimat", "barn", "äldre", "kollektivtrafik"];
const STATUSES = [
  ["submitted", 10],
  ["open", 35],
  ["answered", 25],
  ["partly_answered", 10],
  ["closed", 5],
  ["answered_by_existing_data", 5],
  ["duplicate", 5],
  ["rejected", 3],
  ["withdrawn", 2],
] as const;

function random(seed: number) {
  // Deterministic, so two runs load the same register.
  let state = seed >>> 0;
  return () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
}

/**
 * A register shaped like a busy one: requests over three years in every status, most asking one to
 * three municipalities, some all of them or the region, tagged; votes skewed (a few requests hold
 * many), each vote a row of its own with the count kept on the request.
 */
export async function loadRegister(db: (typeof import("../../db/client.server"))["db"], requestCount: number, voteCount: number) {
  const next = random(4);
  const pick = <T>(list: readonly T[]) => list[Math.floor(next() * list.length)];
  const organisations = await db.selectFrom("organisations").select(["id", "name", "type"]).execute();
  const municipalities = organisations.filter((o) => o.type === "municipality");
  const region = organisations.find((o) => o.type === "region")!;

  // Voters: enough that the most supported request can have a vote from each of them.
  const voterCount = Math.max(2000, Math.ceil(voteCount / 50));
  const userIds: string[] = [];
  for (let start = 0; start < voterCount; start += 1000) {
    const rows = await db
      .insertInto("users")
      .values(
        Array.from({ length: Math.min(1000, voterCount - start) }, (_, i) => ({
          email: `voter-${start + i}@bench.example`,
          name: `Röstare ${start + i}`,
          password_hash: "no sign-in in the benchmark",
        })),
      )
      .returning("id")
      .execute();
    userIds.push(...rows.map((row) => row.id));
  }

  // Votes per request: a Zipf-like share of the total, at most one per voter.
  const weights = Array.from({ length: requestCount }, (_, i) => 1 / (1 + ((i * 7919) % requestCount)) ** 0.8);
  const weightSum = weights.reduce((a, b) => a + b, 0);
  const votesPer = weights.map((w) => Math.min(voterCount, Math.round((w / weightSum) * voteCount)));

  const now = Date.now();
  const year = 365 * 86_400_000;
  const statusBag = STATUSES.flatMap(([status, share]) => Array.from({ length: share }, () => status));
  let votes = 0;
  for (let start = 0; start < requestCount; start += 500) {
    const batch = Array.from({ length: Math.min(500, requestCount - start) }, (_, k) => {
      const n = start + k;
      const topic = TOPICS[n % TOPICS.length];
      const status = pick(statusBag);
      const scope = next() < 0.6 ? "chosen" : next() < 0.75 ? "all" : "region";
      const chosen = scope === "chosen" ? [...new Set(Array.from({ length: 1 + Math.floor(next() * 3) }, () => pick(municipalities)))] : [];
      const place = chosen.length
        ? chosen.map((m) => m.name).join(" och ")
        : scope === "region"
          ? "Västra Götalandsregionen"
          : "kommunerna";
      const createdAt = new Date(now - next() * 3 * year);
      const answered = ["answered", "partly_answered", "closed", "answered_by_existing_data"].includes(status);
      return {
        row: {
          kind: topic.title.startsWith("Enkät") ? ("survey" as const) : ("data" as const),
          title: `${topic.title} – ${place}`,
          body: `Vi behöver ${topic.body} för ${place}. Uppgifterna ska användas i en tjänst för invånare och företag, och vi vill gärna ha dem som öppna data i ett maskinläsbart format, helst CSV eller GeoJSON, uppdaterade minst en gång per kvartal. Förfrågan nummer ${n}.`,
          purpose: "Att slippa fråga varje kommun för sig.",
          requester_user_id: pick(userIds),
          requester_type: pick(["company", "research", "authority", "citizen"] as const),
          requester_shown_as: pick(["name", "organisation", "anonymous"] as const),
          requester_organisation_name: "Exempelbolaget AB",
          target_scope: scope as "chosen" | "all" | "region",
          status,
          tags: [...new Set([topic.tag, ...(next() < 0.5 ? [pick(EXTRA_TAGS)] : [])])],
          vote_count: votesPer[n],
          comment_count: Math.floor(next() * 12),
          created_at: createdAt,
          updated_at: createdAt,
          answered_at: answered ? new Date(createdAt.getTime() + next() * (now - createdAt.getTime())) : null,
        },
        targets: scope === "chosen" ? chosen.map((m) => m.id) : scope === "all" ? municipalities.map((m) => m.id) : [region.id],
      };
    });
    const inserted = await db
      .insertInto("requests")
      .values(batch.map((b) => b.row))
      .returning(["id"])
      .execute();
    const targetRows = inserted.flatMap((request, i) =>
      batch[i].targets.map((organisation_id) => ({ request_id: request.id, organisation_id })),
    );
    for (let t = 0; t < targetRows.length; t += 5000)
      await db
        .insertInto("request_targets")
        .values(targetRows.slice(t, t + 5000))
        .execute();
    const voteRows = inserted.flatMap((request, i) => {
      const count = batch[i].row.vote_count;
      const offset = Math.floor(next() * voterCount);
      return Array.from({ length: count }, (_, v) => ({ request_id: request.id, user_id: userIds[(offset + v) % voterCount] }));
    });
    for (let v = 0; v < voteRows.length; v += 5000)
      await db
        .insertInto("votes")
        .values(voteRows.slice(v, v + 5000))
        .execute();
    votes += voteRows.length;
    process.stdout.write(`\r  loaded ${start + batch.length} requests, ${votes} votes`);
  }
  process.stdout.write("\n");
  return votes;
}
