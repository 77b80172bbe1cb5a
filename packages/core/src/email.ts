import { z } from 'zod';

const emailSchema = z.email();

/**
 * The identity of an email within a campaign: trimmed and lower-cased. Emails
 * are stored as given; this key is what makes two referrers the same person.
 */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether a (trimmed) string is an email address the platform accepts. */
export function isValidEmail(email: string): boolean {
  return emailSchema.safeParse(email.trim()).success;
}
