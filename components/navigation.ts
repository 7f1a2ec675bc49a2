// Which pages each role sees in the sidebar. The server enforces access; this only keeps menus honest.
import type { UserRole } from "@/lib/enums";

export interface NavItem {
  href: string;
  label: string;
  /** A number beside the link (alerts still to resolve); none when 0. */
  count?: number;
}

export interface NavGroup {
  title: string;
  items: NavItem[];
}

const experience = (alerts: number): NavGroup => ({
  title: "Experience",
  items: [
    { href: "/overview", label: "Overview" },
    { href: "/alerts", label: "Alerts", count: alerts },
    { href: "/locations", label: "Locations" },
    { href: "/failure-demand", label: "Failure demand" },
    { href: "/key-drivers", label: "Key drivers" },
    { href: "/themes", label: "Themes" },
    { href: "/initiatives", label: "Initiatives" },
    { href: "/perception-gap", label: "Perception gap" },
    { href: "/methodology", label: "How figures are computed" },
  ],
});

/** The sites and regions a person manages, each a link of its own under "My work". */
export type ManagedLocation = { code: string; name: string };

export function navigationFor(role: UserRole, managed: readonly ManagedLocation[] = [], alerts = 0): NavGroup[] {
  const dashboard = experience(alerts);
  const myLocations = managed.map((l) => ({ href: `/locations/${l.code}`, label: l.name }));
  switch (role) {
    case "executive":
      return [dashboard];
    case "owner":
      return [
        {
          title: "My work",
          items: [...myLocations, { href: "/my-touchpoints", label: "My touchpoints" }, { href: "/my-touchpoints/assessment", label: "Self-assessment" }],
        },
        dashboard,
      ];
    case "admin":
      return [
        dashboard,
        {
          title: "Setup",
          items: [
            { href: "/admin/departments", label: "Departments" },
            { href: "/admin/users", label: "Users" },
            { href: "/admin/journeys", label: "Journeys" },
            { href: "/admin/touchpoints", label: "Touchpoints" },
            { href: "/admin/locations", label: "Locations" },
            { href: "/admin/contact-reasons", label: "Contact reasons" },
            { href: "/admin/themes", label: "Themes" },
            { href: "/admin/alert-rules", label: "Alert rules" },
            { href: "/admin/imports", label: "Imports" },
            { href: "/admin/privacy", label: "Personal data" },
            { href: "/admin/audit", label: "Audit log" },
          ],
        },
      ];
  }
}

/** Where a person lands on sign-in: a location's manager on their site first, an owner on their touchpoints. */
export function homeFor(role: UserRole, managed: readonly ManagedLocation[] = []): string {
  if (role === "owner" && managed[0]) return `/locations/${managed[0].code}`;
  return role === "owner" ? "/my-touchpoints" : "/overview";
}
