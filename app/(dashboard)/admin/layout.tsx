// Setup pages are for admins only; other roles are sent to their home page.
import { redirect } from "next/navigation";
import { homeFor } from "@/components/navigation";
import { currentUser, redirectToSignIn } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  if (user.role !== "admin") redirect(homeFor(user.role));
  return children;
}
