import type { Actor } from "../../app/auth/permissions";
import { createSpecification, type SpecificationInput } from "../../app/models/specification.server";

/**
 * A specification as a coordinator proposes it in the register, with what a test does not name
 * left empty: version 1.0, no URI, no schema, no description, fields or maintainer.
 */
export function createTestSpecification(input: { actor: Actor; name: string } & Partial<SpecificationInput>) {
  return createSpecification({
    version: "1.0",
    uri: null,
    schemaUrl: null,
    description: "",
    fields: [],
    maintainer: "",
    ...input,
  });
}
