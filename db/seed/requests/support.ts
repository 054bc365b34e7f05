import type { DemoRequest } from "./content";
import { MINUTE, pathOf, type Step, type Timeline } from "./timeline";
import type { DemoUsers } from "./users";

type Support = Map<string, Date>;
interface Place {
  id: string;
  name: string;
  kommunkod: string | null;
  type: string;
}

/** One demo request with its moments, targets, and who votes for and follows it when. */
export interface PlannedRequest {
  spec: DemoRequest;
  requester: string;
  createdAt: Date;
  path: Step[];
  stepTimes: Date[];
  targets: Place[];
  votes: Support;
  follows: Support;
  voters: string[];
}

export interface Places {
  byCode: Map<string, Place>;
  municipalities: Place[];
  region: Place | undefined;
}

/** When each step of a request's path happened: its planned day, never before the step before. */
function stepTimesOf(spec: DemoRequest, createdAt: Date, path: Step[], time: Timeline) {
  if ((spec.steps ?? []).length !== path.length) throw new Error(`Demo request ${spec.key}: ${path.length} steps expected`);
  const stepTimes: Date[] = [];
  for (const [i, after] of (spec.steps ?? []).entries()) {
    const at = time.moment(spec.age - after);
    const previous = stepTimes[i - 1] ?? createdAt;
    stepTimes.push(at > previous ? at : new Date(previous.getTime() + 20 * MINUTE));
  }
  return stepTimes;
}

/** Plans a request: its timeline, its targets, and its votes and follows until support ends. */
export function planRequest(spec: DemoRequest, context: { time: Timeline; users: DemoUsers; places: Places }): PlannedRequest {
  const { time, users, places } = context;
  const requester = users.requesterId(spec.by);
  const createdAt = time.moment(spec.age);
  const path = pathOf(spec);
  const stepTimes = stepTimesOf(spec, createdAt, path, time);
  const targets =
    spec.targets === "all"
      ? places.municipalities
      : spec.targets === "region"
        ? [places.region!]
        : spec.targets.map((code) => places.byCode.get(code)!);
  // Support ends when the request closes; a duplicate's votes end when it is merged.
  const closing = path.findIndex((s) => ["closed", "duplicate", "rejected", "withdrawn"].includes(s.to));
  const supportEnds = spec.status === "answered_by_existing_data" ? createdAt : closing >= 0 ? stepTimes[closing] : time.yesterday;

  const votes: Support = new Map([[requester, createdAt]]);
  const follows: Support = new Map([[requester, createdAt]]);
  const voters = time.shuffled(users.voters).slice(0, spec.support);
  for (const voter of voters) {
    const at = time.between(createdAt, supportEnds);
    votes.set(voter, at);
    if (time.random() < 0.4) follows.set(voter, time.between(at, supportEnds));
  }
  // A few follow without voting, also after a request is closed: its answers are still news.
  for (const follower of time.shuffled(users.voters).slice(0, Math.floor(time.random() * 3))) {
    if (!follows.has(follower)) follows.set(follower, time.between(createdAt, time.yesterday));
  }
  return { spec, requester, createdAt, path, stepTimes, targets, votes, follows, voters };
}

/** Merging a duplicate moves its votes and follows to the original; one who supported both counts once. */
export function moveDuplicateSupport(planned: PlannedRequest[]) {
  const byKey = new Map(planned.map((p) => [p.spec.key, p]));
  for (const p of planned) {
    if (!p.spec.duplicateOf) continue;
    const original = byKey.get(p.spec.duplicateOf);
    if (!original || original.createdAt >= p.createdAt) throw new Error(`Demo request ${p.spec.key}: its original must be older`);
    for (const kind of ["votes", "follows"] as const) {
      for (const [user, at] of p[kind]) if (!original[kind].has(user)) original[kind].set(user, at);
      p[kind].clear();
    }
  }
}
