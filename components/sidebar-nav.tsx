"use client";
// Sidebar links that mark the one current page for screen readers and sighted users alike. On a phone the
// sidebar is a bar at the top, and the links fold into a Menu button.
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useState } from "react";
import type { NavGroup } from "./navigation";

/** The one item that is current: the longest link the path is at or under (not its parent as well). */
function currentHref(groups: NavGroup[], pathname: string): string | undefined {
  const matches = groups.flatMap((g) => g.items.map((i) => i.href)).filter((href) => pathname === href || pathname.startsWith(`${href}/`));
  return matches.sort((a, b) => b.length - a.length)[0];
}

export function SidebarNav({ groups }: { groups: NavGroup[] }) {
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const current = currentHref(groups, pathname);
  return (
    <>
      <button type="button" className="menu-button" aria-expanded={open} aria-controls="main-nav" onClick={() => setOpen(!open)}>
        {open ? "Close menu" : "Menu"}
      </button>
      <nav aria-label="Main" id="main-nav" className="main-nav" data-open={open}>
        {groups.map((group) => (
          <div className="nav-group" key={group.title}>
            <h4>{group.title}</h4>
            {group.items.map((item) => (
              <Link
                key={item.href}
                href={item.href}
                className="nav-link"
                aria-current={item.href === current ? "page" : undefined}
                onClick={() => setOpen(false)}
              >
                {item.label}
                {item.count ? " " : null}
                {item.count ? (
                  <span className="nav-count">
                    {item.count}
                    <span className="visually-hidden"> to resolve</span>
                  </span>
                ) : null}
              </Link>
            ))}
          </div>
        ))}
      </nav>
    </>
  );
}
