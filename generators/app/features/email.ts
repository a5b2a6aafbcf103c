import type { EmailProvider } from "../../options/types.js";
import type { Feature } from "./types.js";

function provider(name: EmailProvider, files: readonly string[]): Feature {
  return { name: `email-${name}`, enabled: (c) => c.email === name, files };
}

/** The console provider is always generated: it is what tests and development use. */
export const emailProviders: readonly Feature[] = [
  provider("smtp", ["app/email/smtp.py", "tests/test_email_smtp.py"]),
  provider("postmark", ["app/email/postmark.py", "tests/test_email_postmark.py"]),
  provider("ses", ["app/email/ses.py", "tests/test_email_ses.py"]),
];
