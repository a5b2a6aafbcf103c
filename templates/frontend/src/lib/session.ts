/** The signed-in user, as the backend sees the request's session cookie. */
import { redirect } from "next/navigation";
import { cache } from "react";
import { serverApi } from "@/api/server";
import type { User } from "@/api/types";

/** Asked once per request, however many components need it. */
export const currentUser = cache(async (): Promise<User | null> => {
  const api = await serverApi();
  const { data, response } = await api.GET("/api/auth/me");
  if (data) return data;
  if (response.status === 401) return null;
  throw new Error(`GET /api/auth/me answered ${response.status}`);
});

export async function requireUser(): Promise<User> {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  return user;
}
