"use client";
// Sidebar links that mark the current page for screen readers and sighted users alike.
import Link from "next/link";
import { usePathname } from "next/navigation";
import type { NavGroup } from "./navigation";

export function SidebarNav({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main">
      {groups.map((group) => (
        <div className="nav-group" key={group.title}>
          <h4>{group.title}</h4>
          {group.items.map((item) => (
            <Link
              key={item.href}
              href={item.href}
              className="nav-link"
              aria-current={pathname === item.href || pathname.startsWith(`${item.href}/`) ? "page" : undefined}
            >
              {item.label}
            </Link>
          ))}
        </div>
      ))}
    </nav>
  );
}
