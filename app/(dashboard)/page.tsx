// "/" sends each person to their home page: a location's manager to their site, an owner to their touchpoints.
import { redirect } from "next/navigation";
import { homeFor } from "@/components/navigation";
import { currentUser } from "@/server/auth/session";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";

export default async function Home() {
  const user = await currentUser();
  if (!user) redirect("/sign-in");
  const managed = user.role === "owner" ? await (await serverApi()).dashboard.myLocations() : [];
  redirect(homeFor(user.role, managed));
}
