import { dictionary } from "@zxcvbn-ts/language-common";
import { makeChangePasswordSchema, makeSignUpSchema } from "../schemas/account.server";

/**
 * NIST SP 800-63B asks to refuse passwords from lists of commonly used or breached ones. The list
 * is zxcvbn-ts's (`@zxcvbn-ts/language-common`, ~49,000 passwords from leaked sets, maintained,
 * shipped inside the package: no network; docs/decisions/008). It stays on the server, out of the
 * browser bundle. Compared without case, as "Password1234" is no better than "password1234".
 */
const common = new Set(dictionary["passwords-common"].map((password) => password.toLowerCase()));

export function isCommonPassword(password: string) {
  return common.has(password.toLowerCase());
}

export const signUpServerSchema = makeSignUpSchema(isCommonPassword);
export const changePasswordServerSchema = makeChangePasswordSchema(isCommonPassword);
