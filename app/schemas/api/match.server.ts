import { z } from "zod";
import { MATCHABLE_REQUEST_STATUSES, type MatchResult } from "../../../search/engines/engine";
import { described } from "./common.server";

/**
 * What `GET /api/match` answers (DESIGN.md, "Contracts"), for its OpenAPI description. The route
 * answers the engine's MatchResult as it is (the match panel reads it): the type check below keeps
 * this description and that type in step, and test/routes/api.test.ts checks an answer against it.
 */
export const matchResponse = z
  .object({
    datasets: z.array(z.object({ uri: z.string(), title: z.string(), publisher: z.string().nullable(), score: z.number().min(0).max(1) })),
    requests: z.array(
      z.object({
        id: z.uuid(),
        number: z.int(),
        title: z.string(),
        status: z.enum(MATCHABLE_REQUEST_STATUSES),
        votes: z.int().min(0),
        score: z.number().min(0).max(1),
      }),
    ),
    answers: z.array(z.object({ id: z.string(), title: z.string(), score: z.number().min(0).max(1) })),
    threshold: z.number().min(0).max(1).meta(described("apiDoc.match.field.threshold")),
  })
  .meta({ id: "MatchResult" });

// Both ways: a field the engine adds or drops fails the typecheck until this description follows.
type Described = z.output<typeof matchResponse>;
const _describesTheEngine: [Described extends MatchResult ? true : never, MatchResult extends Described ? true : never] = [true, true];
void _describesTheEngine;
