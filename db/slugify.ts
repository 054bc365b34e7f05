/** "Lilla Edet" → "lilla-edet", "Åmål" → "amal": URL-safe, readable Swedish slugs. */
export function slugify(name: string) {
  return name
    .toLowerCase()
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-|-$/g, "");
}
