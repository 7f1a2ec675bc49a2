// The signed-in shell: sidebar navigation by role, the user box and sign-out. Anonymous visitors go to sign-in.
import { navigationFor } from "@/components/navigation";
import { SidebarNav } from "@/components/sidebar-nav";
import { TrpcProvider } from "@/lib/trpc-client";
import { currentUser, redirectToSignIn } from "@/server/auth/session";
import { serverApi } from "@/server/api/caller";
import { signOutAction } from "../sign-in/actions";

export const dynamic = "force-dynamic";

/** The sidebar for this person: their sites (owners), and the alerts they still have to resolve. */
async function Navigation({ role }: { role: Parameters<typeof navigationFor>[0] }) {
  const api = await serverApi();
  const [managed, alerts] = await Promise.all([role === "owner" ? api.dashboard.myLocations() : [], api.alerts.count()]);
  return <SidebarNav groups={navigationFor(role, managed, alerts)} />;
}

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
        <Navigation role={user.role} />
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
