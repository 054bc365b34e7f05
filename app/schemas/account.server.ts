import { z } from "zod";
import { mailDeliveries, preferenceMailKinds, type PreferenceMailKind } from "../domain/mail";

// Messages are i18n keys (app/i18n/messages.ts); the form components translate them.

const email = z.string().trim().min(1, "errors.emailRequired").max(254, "errors.emailInvalid").pipe(z.email("errors.emailInvalid"));

/**
 * NIST SP 800-63B: at least 12 characters here, any characters (spaces too), no composition rules;
 * refuse one character repeated, and — on the server, where the list lives
 * (app/auth/password-policy.server.ts) — passwords from a list of common ones.
 */
function newPasswordWith(isCommon: (password: string) => boolean) {
  return z
    .string()
    .min(12, "errors.passwordTooShort")
    .max(200, "errors.passwordTooLong")
    .refine((password) => !/^(.)\1*$/su.test(password), "errors.passwordRepeated")
    .refine((password) => !isCommon(password), "errors.passwordCommon");
}
const noList = () => false;

export function makeSignUpSchema(isCommon: (password: string) => boolean) {
  return z.object({
    name: z.string().trim().min(1, "errors.nameRequired").max(120, "errors.nameTooLong"),
    email,
    password: newPasswordWith(isCommon),
  });
}
export const signUpSchema = makeSignUpSchema(noList);

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "errors.passwordRequired").max(200, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export function makeChangePasswordSchema(isCommon: (password: string) => boolean) {
  return z
    .object({
      intent: z.literal("changePassword").optional(),
      currentPassword: z.string().min(1, "errors.passwordRequired").max(200, "errors.passwordTooLong"),
      newPassword: newPasswordWith(isCommon),
    })
    .refine((v) => v.currentPassword !== v.newPassword, { message: "errors.passwordSame", path: ["newPassword"] });
}
export const changePasswordSchema = makeChangePasswordSchema(noList);

export const signOutOthersSchema = z.object({ intent: z.literal("signOutOthers") });

export const grantRoleSchema = z.object({
  intent: z.literal("grant"),
  email,
  organisationId: z.uuid("errors.organisationRequired"),
  role: z.enum(["responder", "coordinator", "admin"], "errors.roleInvalid"),
});

export const revokeRoleSchema = z.object({
  intent: z.literal("revoke"),
  membershipId: z.uuid(),
});

export const languageSchema = z.object({
  locale: z.enum(["sv", "en"]),
  redirectTo: z.string().optional(),
});

/** The user list's address (admin: users): a hand-edited value falls back instead of failing. */
export const userListQuerySchema = z.object({
  q: z.string().trim().max(200).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** What the account page's last form did, read after its redirect (post/redirect/get). */
export const accountDoneSchema = z.enum(["password", "sessions", "mail"]).optional().catch(undefined);

const mailDelivery = z.enum(mailDeliveries, "errors.invalidValue").optional();

/**
 * The account page's mail choices: one radio group per kind. A kind left out (a page older than
 * the kind) keeps what the user had.
 */
export const mailPreferencesSchema = z.object({
  intent: z.literal("mailPreferences"),
  ...(Object.fromEntries(preferenceMailKinds.map((kind) => [kind, mailDelivery])) as Record<PreferenceMailKind, typeof mailDelivery>),
});
