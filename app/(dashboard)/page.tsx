// "/" sends each role to its home page.
import { redirect } from "next/navigation";
import { homeFor } from "@/components/navigation";
import { currentUser } from "@/server/auth/session";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await currentUser();
  redirect(user ? homeFor(user.role) : "/sign-in");
}
