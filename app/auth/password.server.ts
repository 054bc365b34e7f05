import { hash, verify } from "@node-rs/argon2";

// The library's defaults are argon2id with OWASP-recommended cost parameters.
export function hashPassword(password: string) {
  return hash(password);
}

export async function verifyPassword(passwordHash: string, password: string) {
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}

/**
 * Verifying against this when the e-mail is unknown makes a failed sign-in take as long as a
 * wrong password, so response times do not reveal which addresses have accounts.
 */
let dummyHash: Promise<string> | undefined;
export async function verifyAgainstDummy(password: string) {
  dummyHash ??= hash("not-a-real-password-but-the-same-cost");
  await verifyPassword(await dummyHash, password);
  return false;
}
