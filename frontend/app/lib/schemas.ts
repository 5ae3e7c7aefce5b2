import { z } from 'zod';

// Field rules shared by several forms; the API checks them again (and more, like not containing the email).
export const PASSWORD_MIN_LENGTH = 12;

export const emailField = z
  .string({ message: 'Enter an email address' })
  .trim()
  .min(1, 'Enter an email address')
  .max(254, 'Email address must be 254 characters or fewer')
  .pipe(z.email({ message: 'Enter an email address in the correct format, like name@example.nhs.uk' }));

export const newPasswordField = z
  .string({ message: 'Enter a password' })
  .min(1, 'Enter a password')
  .min(PASSWORD_MIN_LENGTH, `Password must be at least ${PASSWORD_MIN_LENGTH} characters`)
  .max(200, 'Password must be 200 characters or fewer');

export const confirmPasswordField = z.string({ message: 'Confirm your password' }).min(1, 'Confirm your password');

/** For `.superRefine` on a form with password and confirmPassword. */
export function passwordsMatch(v: { password: string; confirmPassword: string }, ctx: z.RefinementCtx) {
  if (v.password !== v.confirmPassword) {
    ctx.addIssue({ code: 'custom', path: ['confirmPassword'], message: 'Enter the same password in both boxes' });
  }
}

/** A new password typed twice. */
export const newPasswordPair = z.object({ password: newPasswordField, confirmPassword: confirmPasswordField }).superRefine(passwordsMatch);

/** Tokens in emailed links, as the API issues them. */
export const LINK_TOKEN = /^[A-Za-z0-9_-]{20,100}$/;

/** An unticked checkbox sends nothing; a ticked one sends its value. */
export const checkbox = z
  .union([z.literal('on'), z.literal('true'), z.literal('yes')])
  .optional()
  .transform((v) => Boolean(v));
