// Admin: the audit log — every change to settings, people, the model, imports, initiatives and
// assessments: who, what, when, before and after. Filters live in the URL so a view can be shared.
import type { Metadata } from "next";
import Link from "next/link";
import { EmptyState } from "@/components/empty-state";
import { formatDateTime } from "@/components/format";
import { DateField } from "@/components/date-field";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";
import { auditFilterSchema } from "@/server/audit-log";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Audit log" };

function Json({ value }: { value: unknown }) {
  if (value == null) return <span className="muted">—</span>;
  const text = JSON.stringify(value, null, 2);
  if (text.length <= 80) return <code>{JSON.stringify(value)}</code>;
  return (
    <details>
      <summary>{text.slice(0, 60).replace(/\s+/g, " ")}…</summary>
      <pre className="json">{text}</pre>
    </details>
  );
}

export default async function AuditPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const raw = await searchParams;
  const pick = (key: string) => (typeof raw[key] === "string" && raw[key] !== "" ? (raw[key] as string) : undefined);
  const parsed = auditFilterSchema.safeParse({
    who: pick("who"),
    what: pick("what"),
    from: pick("from"),
    to: pick("to"),
    before: pick("before") ? Number(pick("before")) : undefined,
  });
  const filter = parsed.success ? parsed.data : {};
  const api = await serverApi();
  const [{ entries, nextBefore }, actions] = await Promise.all([api.admin.auditLog(filter), api.admin.auditActions()]);
  const areas = [...new Set(actions.map((a) => a.split(".")[0]!))];
  const next = new URLSearchParams(
    Object.entries({ ...filter, before: nextBefore ?? undefined })
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, String(v)]),
  );
  return (
    <>
      <PageHeader title="Audit log" description="Every change made in Throughline: who, what, when, and what it was before and after. Newest first." />
      <form className="filters" method="get" aria-label="Filter the audit log">
        <div>
          <label htmlFor="audit-who">Who (email contains)</label>
          <input id="audit-who" name="who" type="text" defaultValue={filter.who ?? ""} />
        </div>
        <div>
          <label htmlFor="audit-what">What</label>
          <select id="audit-what" name="what" defaultValue={filter.what ?? ""}>
            <option value="">Everything</option>
            {areas.map((area) => (
              <optgroup key={area} label={area}>
                <option value={area}>all {area} changes</option>
                {actions
                  .filter((a) => a.startsWith(`${area}.`))
                  .map((a) => (
                    <option key={a} value={a}>
                      {a}
                    </option>
                  ))}
              </optgroup>
            ))}
          </select>
        </div>
        <DateField id="audit-from" name="from" label="From" value={filter.from} />
        <DateField id="audit-to" name="to" label="To" value={filter.to} />
        <button type="submit" className="primary">
          Apply
        </button>
        <Link href="/admin/audit">Reset</Link>
      </form>
      {!parsed.success ? (
        <p className="error">
          Some filters were not understood and are ignored: {parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`).join("; ")}
        </p>
      ) : null}
      {entries.length === 0 ? (
        <EmptyState title="No changes match these filters" />
      ) : (
        <div className="table-scroll">
          <table className="data" aria-label="Audit log">
            <thead>
              <tr>
                <th scope="col">When (UTC)</th>
                <th scope="col">Who</th>
                <th scope="col">What</th>
                <th scope="col">On</th>
                <th scope="col">Before</th>
                <th scope="col">After</th>
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr key={e.id}>
                  <td>{formatDateTime(e.createdAt, { seconds: true })}</td>
                  <td>{e.actorEmail ?? <span className="muted">unknown</span>}</td>
                  <td>
                    <code>{e.action}</code>
                  </td>
                  <td>
                    {e.entityType} {e.entityId ?? ""}
                  </td>
                  <td>
                    <Json value={e.before} />
                  </td>
                  <td>
                    <Json value={e.after} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {nextBefore ? (
        <p>
          <Link href={`/admin/audit?${next.toString()}`}>Older changes →</Link>
        </p>
      ) : null}
    </>
  );
}
