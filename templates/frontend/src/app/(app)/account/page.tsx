import type { Metadata } from "next";
import { ChangePasswordForm } from "@/components/auth/change-password-form";
import { formatDate } from "@/lib/format";
import { requireUser } from "@/lib/session";

export const metadata: Metadata = { title: "Account" };

export default async function AccountPage() {
  const user = await requireUser();
  return (
    <div className="narrow">
      <h1>Account</h1>
      <dl className="details">
        <dt>Name</dt>
        <dd>{user.display_name}</dd>
        <dt>Email</dt>
        <dd>{user.email}</dd>
        <dt>Member since</dt>
        <dd>
          <time dateTime={user.created_at}>{formatDate(user.created_at)}</time>
        </dd>
      </dl>
      <section aria-labelledby="password-heading">
        <h2 id="password-heading">Change password</h2>
        <ChangePasswordForm />
      </section>
    </div>
  );
}
