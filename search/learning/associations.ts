/**
 * What use teaches the matcher (issue 11, ADR 032), without the database: from evidence rows
 * (a request's stem → a dataset, who taught it, whose words they are, when) to associations from
 * words to datasets and to kinds of dataset, and from those to a learned score of a dataset for a
 * new request's stems.
 *
 * - Every user counts once per association, with the weight of their newest evidence: one user
 *   repeating the same teaching cannot raise it.
 * - An association needs at least MIN_DISTINCT_USERS distinct users who taught it AND as many
 *   distinct writers of the words: one user alone teaches nothing, and neither do one requester's
 *   words however many people linked or merged them. Its support is the smaller of the two
 *   (weighted) counts, so a third teacher of the same writers' words does not raise it.
 * - Evidence decays with age: its weight halves every LEARNING_HALF_LIFE_DAYS.
 * - A word's association with a dataset is the share of the word's (weighted) users who chose that
 *   dataset, times a confidence that grows with their number (u / (u + 1): 2 users 0.67, 4 users
 *   0.8). A word's association with kinds (a dataset's keywords and conformsTo specifications) is a
 *   profile of the kinds its users' datasets had, each weighted by how specific the kind is in the
 *   catalogue; another dataset scores by the share of that profile its own kinds cover. So what
 *   users taught for one municipality's dataset carries to another municipality's dataset of the
 *   same kind, which the matcher's municipality scope then chooses between.
 */

export const LEARNING_HALF_LIFE_DAYS = 365;
export const MIN_DISTINCT_USERS = 2;
/** The kinds kept per word, most telling first: enough for a kind of data, not a whole theme. */
export const KINDS_PER_WORD = 8;

const DAY_MS = 86_400_000;

/** One user's newest evidence that a stem, in one writer's words, means a dataset. */
export interface TaughtRow {
  stem: string;
  datasetId: string;
  /** Who taught it: accepted, linked or merged. */
  userId: string;
  /** Whose words they are (the requester); null when unknown, which counts for no writer. */
  writerId: string | null;
  newest: Date;
}

export interface WordAssociations {
  /** Datasets taught for the word by enough distinct users, and the association's strength, 0..1. */
  datasets: Map<string, number>;
  /** The word's kind profile: kind → share of its users × the kind's specificity. */
  kinds: Map<string, number>;
  /** The sum of the profile, so a dataset's coverage is a share of it. */
  kindTotal: number;
  /** The confidence of the profile: by the users of its best-supported kind. */
  kindConfidence: number;
  /** Distinct people (the lesser of teachers and writers, any weight) and their decayed sum. */
  users: number;
  weightedUsers: number;
}

export interface LearnedAssociations {
  words: Map<string, WordAssociations>;
}

export interface LearningCatalogue {
  /** A dataset's kinds (current datasets only; a removed dataset has none). */
  kindsOf(datasetId: string): readonly string[];
  /** 0..1: how few datasets share the kind (normalised inverse document frequency). */
  specificity(kind: string): number;
}

export function decay(ageMs: number, halfLifeDays = LEARNING_HALF_LIFE_DAYS): number {
  return Math.pow(0.5, Math.max(0, ageMs) / (halfLifeDays * DAY_MS));
}

export function confidence(weightedUsers: number): number {
  return weightedUsers / (weightedUsers + 1);
}

/** ln(1 + N/(df+1)) / ln(1 + N), as the lexical matcher weighs a concept. */
export function kindSpecificity(datasetsWithKind: number, datasets: number): number {
  if (datasets <= 0) return 0;
  return Math.log(1 + datasets / (datasetsWithKind + 1)) / Math.log(1 + datasets);
}

/** Users and their summed weight, each user once at their heaviest. */
class UserWeights {
  private readonly byUser = new Map<string, number>();
  add(userId: string, weight: number) {
    if (weight > (this.byUser.get(userId) ?? -1)) this.byUser.set(userId, weight);
  }
  get users() {
    return this.byUser.size;
  }
  get weighted() {
    let sum = 0;
    for (const weight of this.byUser.values()) sum += weight;
    return sum;
  }
}

/** Who taught an association and whose words taught it; its support is the lesser of the two. */
class Support {
  private readonly teachers = new UserWeights();
  private readonly writers = new UserWeights();
  add(row: Pick<TaughtRow, "userId" | "writerId">, weight: number) {
    this.teachers.add(row.userId, weight);
    if (row.writerId !== null) this.writers.add(row.writerId, weight);
  }
  get users() {
    return Math.min(this.teachers.users, this.writers.users);
  }
  get weighted() {
    return Math.min(this.teachers.weighted, this.writers.weighted);
  }
}

export function learnAssociations(
  rows: TaughtRow[],
  catalogue: LearningCatalogue,
  options: { now?: Date; halfLifeDays?: number } = {},
): LearnedAssociations {
  const now = (options.now ?? new Date()).getTime();
  const byStem = new Map<string, { all: Support; datasets: Map<string, Support>; kinds: Map<string, Support> }>();
  for (const row of rows) {
    const weight = decay(now - row.newest.getTime(), options.halfLifeDays);
    let stem = byStem.get(row.stem);
    if (!stem) byStem.set(row.stem, (stem = { all: new Support(), datasets: new Map(), kinds: new Map() }));
    stem.all.add(row, weight);
    let dataset = stem.datasets.get(row.datasetId);
    if (!dataset) stem.datasets.set(row.datasetId, (dataset = new Support()));
    dataset.add(row, weight);
    for (const kind of catalogue.kindsOf(row.datasetId)) {
      let users = stem.kinds.get(kind);
      if (!users) stem.kinds.set(kind, (users = new Support()));
      users.add(row, weight);
    }
  }

  const words = new Map<string, WordAssociations>();
  for (const [stem, taught] of byStem) {
    // Fewer distinct users (teachers or writers) than the rule asks: nothing is learned for the word at all.
    if (taught.all.users < MIN_DISTINCT_USERS) continue;
    const total = taught.all.weighted;
    if (total <= 0) continue;
    const datasets = new Map<string, number>();
    for (const [datasetId, users] of taught.datasets)
      if (users.users >= MIN_DISTINCT_USERS) datasets.set(datasetId, (users.weighted / total) * confidence(users.weighted));
    const kinds = [...taught.kinds]
      .filter(([, users]) => users.users >= MIN_DISTINCT_USERS)
      .map(([kind, users]) => ({ kind, users, weight: (users.weighted / total) * catalogue.specificity(kind) }))
      .filter((k) => k.weight > 0)
      .sort((a, b) => b.weight - a.weight || (a.kind < b.kind ? -1 : 1))
      .slice(0, KINDS_PER_WORD);
    if (datasets.size === 0 && kinds.length === 0) continue;
    words.set(stem, {
      datasets,
      kinds: new Map(kinds.map((k) => [k.kind, k.weight])),
      kindTotal: kinds.reduce((sum, k) => sum + k.weight, 0),
      kindConfidence: kinds.length ? confidence(Math.max(...kinds.map((k) => k.users.weighted))) : 0,
      users: taught.all.users,
      weightedUsers: total,
    });
  }
  return { words };
}

/** A word's association with one dataset: taught for it directly, or by the share of the word's kind profile it covers. */
function association(word: WordAssociations, datasetId: string, kindsOf: LearningCatalogue["kindsOf"]): number {
  const direct = word.datasets.get(datasetId) ?? 0;
  if (word.kindTotal <= 0) return direct;
  let covered = 0;
  for (const kind of new Set(kindsOf(datasetId))) covered += word.kinds.get(kind) ?? 0;
  return Math.max(direct, (covered / word.kindTotal) * word.kindConfidence);
}

/**
 * The learned score, 0..1, of every dataset use relates to the request's stems. Each stem that
 * learned anything counts by how concentrated its teaching is (its best association), so a word
 * taught for many different datasets weighs little; stems that learned nothing do not dilute it.
 */
export function learnedScores(
  learned: LearnedAssociations,
  stems: string[],
  catalogue: Pick<LearningCatalogue, "kindsOf"> & { datasetsOf(kind: string): readonly string[] },
  /**
   * A stem's scores depend only on what was learned: a caller that keeps `learned` between
   * requests keeps them here too (at a national catalogue a taught kind relates thousands of datasets).
   */
  cache?: Map<string, StemScores | null>,
): Map<string, number> {
  const perStem: StemScores[] = [];
  for (const stem of new Set(stems)) {
    const cached = cache?.get(stem);
    const scored = cached !== undefined ? cached : stemScores(learned, stem, catalogue);
    if (cache && cached === undefined) cache.set(stem, scored);
    if (scored) perStem.push(scored);
  }
  const totalWeight = perStem.reduce((sum, s) => sum + s.weight, 0);
  const result = new Map<string, number>();
  if (totalWeight <= 0) return result;
  for (const { weight, scores } of perStem)
    for (const [datasetId, value] of scores) result.set(datasetId, (result.get(datasetId) ?? 0) + (weight * value) / totalWeight);
  return result;
}

/** One stem's association with every dataset it relates to, and its weight in a request (its best association). */
export interface StemScores {
  weight: number;
  scores: Map<string, number>;
}

function stemScores(
  learned: LearnedAssociations,
  stem: string,
  catalogue: Pick<LearningCatalogue, "kindsOf"> & { datasetsOf(kind: string): readonly string[] },
): StemScores | null {
  const word = learned.words.get(stem);
  if (!word) return null;
  const candidates = new Set(word.datasets.keys());
  for (const kind of word.kinds.keys()) for (const datasetId of catalogue.datasetsOf(kind)) candidates.add(datasetId);
  const scores = new Map<string, number>();
  let best = 0;
  for (const datasetId of candidates) {
    const value = association(word, datasetId, catalogue.kindsOf);
    if (value <= 0) continue;
    scores.set(datasetId, value);
    best = Math.max(best, value);
  }
  return best > 0 ? { weight: best, scores } : null;
}
