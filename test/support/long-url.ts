/**
 * An address of under 2,000 characters but some 6,000 UTF-8 bytes (pseudo-random CJK, which no
 * compression shrinks): over what a PostgreSQL b-tree index entry holds (2,704 bytes).
 */
export function longNonAsciiUrl() {
  let seed = 7;
  const characters = Array.from({ length: 1_980 }, () => {
    seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
    return String.fromCodePoint(0x4e00 + (seed % 20_000));
  });
  return `https://exempel.se/${characters.join("")}`;
}
