import { readFileSync } from "node:fs";
import type { NewOrganisation } from "../schema";
import { slugify } from "../slugify";

const dataDir = new URL("./data/", import.meta.url);

function readCsv(file: string) {
  const [header, ...rows] = readFileSync(new URL(file, dataDir), "utf8").trim().split(/\r?\n/);
  const columns = header.split(",");
  return rows.map((row) => {
    const cells = row.split(",");
    return Object.fromEntries(columns.map((column, i) => [column, cells[i] ?? ""])) as Record<string, string>;
  });
}

/** The 49 municipalities and the region: reference data, seeded on every start. */
export function referenceOrganisations(): NewOrganisation[] {
  const municipalities = readCsv("vg-municipalities.csv").map((row) => ({
    slug: slugify(row.name),
    name: row.name,
    type: "municipality" as const,
    kommunkod: row.code,
    org_number: row.org_number || null,
  }));
  const region = readCsv("vg-region.csv").map((row) => ({
    slug: "vastra-gotalandsregionen",
    name: row.name,
    type: "region" as const,
    kommunkod: row.code,
    org_number: row.org_number || null,
  }));
  return [...region, ...municipalities];
}

/** Other requesters' organisations shown in the demo; the companies are invented. */
export function demoOrganisations(): NewOrganisation[] {
  const others: [string, NewOrganisation["type"]][] = [
    ["VästKom – Västsvenska kommunalförbunden", "authority"],
    ["Statistiska centralbyrån", "authority"],
    ["Myndigheten för digital förvaltning", "authority"],
    ["Naturvårdsverket", "authority"],
    ["Länsstyrelsen i Västra Götalands län", "authority"],
    ["Göteborgs universitet", "research"],
    ["Chalmers tekniska högskola", "research"],
    ["Högskolan i Borås", "research"],
    ["Demobolaget Kartdata Väst AB", "company"],
    ["Demobolaget Laddinfra Norden AB", "company"],
  ];
  return others.map(([name, type]) => ({ slug: slugify(name), name, type, kommunkod: null, org_number: null }));
}
