import { z } from "zod";

// Messages are i18n keys (app/i18n/messages.ts); the form components translate them.

const email = z
  .string()
  .trim()
  .min(1, "errors.emailRequired")
  .max(254, "errors.emailInvalid")
  .pipe(z.email("errors.emailInvalid"));

const newPassword = z
  .string()
  .min(12, "errors.passwordTooShort")
  .max(200, "errors.passwordTooLong");

export const signUpSchema = z.object({
  name: z.string().trim().min(1, "errors.nameRequired").max(120, "errors.nameTooLong"),
  email,
  password: newPassword,
});

export const signInSchema = z.object({
  email,
  password: z.string().min(1, "errors.passwordRequired").max(200, "errors.passwordTooLong"),
  redirectTo: z.string().optional(),
});

export const changePasswordSchema = z
  .object({
    currentPassword: z.string().min(1, "errors.passwordRequired").max(200, "errors.passwordTooLong"),
    newPassword,
  })
  .refine((v) => v.currentPassword !== v.newPassword, { message: "errors.passwordSame", path: ["newPassword"] });

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
