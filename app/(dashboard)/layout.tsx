// The signed-in shell: sidebar navigation by role, the user box and sign-out. Anonymous visitors go to sign-in.
import { navigationFor } from "@/components/navigation";
import { SidebarNav } from "@/components/sidebar-nav";
import { TrpcProvider } from "@/lib/trpc-client";
import { currentUser, redirectToSignIn } from "@/server/auth/session";
import { serverApi } from "@/server/api/caller";
import { signOutAction } from "../sign-in/actions";

export const dynamic = "force-dynamic";

export default async function DashboardLayout({ children }: { children: React.ReactNode }) {
  const user = await currentUser();
  if (!user) return redirectToSignIn();
  return (
    <div className="shell">
      <a href="#content" className="skip-link">
        Skip to content
      </a>
      <aside className="sidebar">
        <div className="brand">
          Throughline<small>Customer experience program</small>
        </div>
        <SidebarNav groups={navigationFor(user.role, user.role === "owner" ? await (await serverApi()).dashboard.myLocations() : [])} />
        <div className="user-box">
          <strong>{user.name}</strong>
          {user.email}
          <br />
          <span className="role-badge" data-testid="role-badge">
            {user.role}
          </span>
          <form action={signOutAction}>
            <button type="submit" className="link-button">
              Sign out
            </button>
          </form>
        </div>
      </aside>
      <main id="content" className="main">
        <TrpcProvider>{children}</TrpcProvider>
      </main>
    </div>
  );
}
