import { sql, type ExpressionBuilder, type Nullable } from "kysely";
import type { Database } from "../../db/schema";

/** A query over `requests as r` left-joined to its requester as `users as u`. */
type RequestWithRequester = ExpressionBuilder<Database & { r: Database["requests"]; u: Nullable<Database["users"]> }, "r" | "u">;

/**
 * The requester as they chose to be shown: their name, their organisation's name, or NULL.
 * A privacy rule, so every public query takes it from here; it never reaches the e-mail address.
 */
export function requesterShown(eb: RequestWithRequester) {
  return eb
    .case()
    .when("r.requester_shown_as", "=", "name")
    .then(eb.ref("u.name"))
    .when("r.requester_shown_as", "=", "organisation")
    .then(eb.ref("r.requester_organisation_name"))
    .else(sql<string | null>`NULL`)
    .end();
}
