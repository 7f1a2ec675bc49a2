// Admin: the locations responses are filed under, sites grouped in their regions, each with a manager;
// create, edit, deactivate or delete them here (a location that holds responses is deactivated, not deleted).
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { PageHeader } from "@/components/page-header";
import { EditLocationButton, NewLocationForm, type RegionChoice } from "@/components/setup/location-form";
import { locationKindLabel } from "@/components/format";
import { RetireControls } from "@/components/setup/retire-controls";
import { ancestorsOf, sitesUnder } from "@/server/locations/hierarchy";
import { serverApi } from "@/server/api/caller";
import { countOf } from "@/components/format";
import type { RouterOutputs } from "@/lib/router-types";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Locations" };

type LocationRow = RouterOutputs["setup"]["locations"][number];

/** One table row: a location at its depth in the tree, or the heading of the sites without a region. */
type TableRow = { kind: "location"; location: LocationRow; depth: number } | { kind: "no-region"; siteCount: number };

/** Regions in tree order, each followed by its sites and then the regions inside it; sites without a region last. */
function tableRows(all: LocationRow[]): TableRow[] {
  const byName = (a: LocationRow, b: LocationRow) => a.name.localeCompare(b.name);
  const regionIds = new Set(all.filter((l) => l.kind === "region").map((l) => l.id));
  const inside = (parentId: number, kind: LocationRow["kind"]) => all.filter((l) => l.kind === kind && l.parentId === parentId).sort(byName);
  const rows: TableRow[] = [];
  const placed = new Set<number>();
  const walk = (region: LocationRow, depth: number) => {
    if (placed.has(region.id)) return;
    placed.add(region.id);
    rows.push({ kind: "location", location: region, depth });
    for (const site of inside(region.id, "site")) {
      placed.add(site.id);
      rows.push({ kind: "location", location: site, depth: depth + 1 });
    }
    for (const child of inside(region.id, "region")) walk(child, depth + 1);
  };
  const regions = all.filter((l) => l.kind === "region").sort(byName);
  for (const region of regions) if (region.parentId === null || !regionIds.has(region.parentId)) walk(region, 0);
  // A region caught in a loop (the rules refuse one, but a row is never dropped) is listed at the top level.
  for (const region of regions) walk(region, 0);
  const homeless = all.filter((l) => !placed.has(l.id)).sort(byName);
  if (homeless.length) {
    rows.push({ kind: "no-region", siteCount: homeless.length });
    for (const site of homeless) rows.push({ kind: "location", location: site, depth: 1 });
  }
  return rows;
}

export default async function LocationsPage() {
  const api = await serverApi();
  const [locations, users] = await Promise.all([api.setup.locations(), api.admin.users()]);
  // Executives read and cannot run things, so only active owners and admins can manage a location.
  const people = users.filter((u) => u.active && (u.role === "owner" || u.role === "admin")).map((u) => ({ id: u.id, name: u.name }));
  const byId = new Map(locations.map((l) => [l.id, l]));
  const regions: RegionChoice[] = locations
    .filter((l) => l.kind === "region")
    .map((l) => {
      const ancestors = ancestorsOf(locations, l.id);
      return {
        id: l.id,
        label: [...ancestors.map((a) => a.name).reverse(), l.name].join(" › "),
        active: l.active,
        ancestorIds: ancestors.map((a) => a.id),
      };
    })
    .sort((a, b) => a.label.localeCompare(b.label));
  const siteCount = locations.filter((l) => l.kind === "site").length;
  return (
    <>
      <PageHeader
        title="Locations"
        description="Where responses come from: sites, grouped in regions. A location's code is what survey exports name the place by, such as a store id. A location with responses is deactivated rather than deleted, so its history is kept."
      />
      <NewLocationForm regions={regions} people={people} />
      {locations.length === 0 ? (
        <EmptyState title="No locations yet">
          <p>
            Add the first region above, then the sites in it; or apply a model file on the <Link href="/admin/departments">Departments</Link> page.
          </p>
        </EmptyState>
      ) : (
        <table className="data" style={{ margin: "16px 0" }}>
          <caption className="muted" style={{ textAlign: "left", padding: "0 0 6px" }}>
            {countOf(regions.length, "region")}, {countOf(siteCount, "site")}. Sites are listed under their region.
          </caption>
          <thead>
            <tr>
              <th scope="col">Code</th>
              <th scope="col">Name</th>
              <th scope="col">Kind</th>
              <th scope="col">Region</th>
              <th scope="col">Manager</th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
            </tr>
          </thead>
          <tbody>
            {tableRows(locations).map((row) => {
              if (row.kind === "no-region") {
                return (
                  <tr key="no-region">
                    <td colSpan={7}>
                      <strong>No region</strong> <span className="muted">{countOf(row.siteCount, "site")}</span>
                    </td>
                  </tr>
                );
              }
              const l = row.location;
              const parent = l.parentId === null ? undefined : byId.get(l.parentId);
              return (
                <tr key={l.id}>
                  <td style={row.depth ? { paddingLeft: 10 + row.depth * 20 } : undefined}>
                    <code>{l.code}</code>
                  </td>
                  <td>
                    {l.kind === "region" ? <strong>{l.name}</strong> : l.name}
                    {l.kind === "region" ? <div className="muted">{countOf(sitesUnder(locations, l.id).length, "site")}</div> : null}
                  </td>
                  <td>{locationKindLabel[l.kind]}</td>
                  <td>{parent ? parent.name : <span className="muted">{l.kind === "site" ? "No region" : "Top level"}</span>}</td>
                  <td>{l.managerName ?? <span className="muted">No manager</span>}</td>
                  <td>{l.active ? <span className="tag">active</span> : <span className="tag inactive">inactive</span>}</td>
                  <td className="row-actions">
                    <EditLocationButton
                      location={{ id: l.id, code: l.code, name: l.name, kind: l.kind, parentId: l.parentId, managerId: l.managerId }}
                      managerName={l.managerName}
                      regions={regions}
                      people={people}
                    />{" "}
                    <RetireControls kind="location" id={l.id} name={l.name} active={l.active} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </>
  );
}
