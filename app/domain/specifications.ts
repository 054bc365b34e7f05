/**
 * The words of the register of specifications (issue 14, ADR 042), as the database stores them
 * (ADR 017). A specification is proposed by a coordinator for a demanded kind of data, adopted
 * when the forum agrees on it, and retired when it is no longer to be followed; the national ones
 * arrive adopted. Their transitions are in lifecycle.ts; the labels in i18n/status.messages.ts.
 */
export const specificationStatuses = ["proposed", "adopted", "retired"] as const;
export type SpecificationStatus = (typeof specificationStatuses)[number];

/** National: from the national register (seeded); regional: written by the region's coordinators. */
export const specificationOrigins = ["national", "regional"] as const;
export type SpecificationOrigin = (typeof specificationOrigins)[number];

/**
 * What a municipality publishes of a specification: data that declares it (dct:conformsTo the
 * specification's address or another version of it), data the matcher judges to be of that kind
 * without declaring it, or nothing the portal knows of.
 */
export const coverageKinds = ["conforming", "same_kind", "none"] as const;
export type CoverageKind = (typeof coverageKinds)[number];

/**
 * An address a dataset can name in dct:conformsTo and a reader can open: absolute, http or https,
 * with a host. Relative paths, `urn:`, `javascript:` and `ftp:` are refused (issue 14).
 */
export function isAbsoluteHttpUri(value: string): boolean {
  if (/\s/.test(value)) return false;
  try {
    const url = new URL(value);
    return (url.protocol === "http:" || url.protocol === "https:") && url.hostname !== "";
  } catch {
    return false;
  }
}

/** A specification as the interface names it: its name and version ("Laddplatser 1.0"), the name alone without one. */
export function specificationName(specification: { name: string; version: string }): string {
  return specification.version ? `${specification.name} ${specification.version}` : specification.name;
}
