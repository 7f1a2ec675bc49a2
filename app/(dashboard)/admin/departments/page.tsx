// Admin: the departments (silos), their heads and how much of the journey each one owns.
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { ModelFile } from "@/components/model-file";
import { PageHeader } from "@/components/page-header";
import { serverApi } from "@/server/api/caller";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const departments = await (await serverApi()).model.departments();
  return (
    <>
      <PageHeader title="Departments" description="The silos that own the touchpoints along each journey." />
      <ModelFile />
      {departments.length === 0 ? (
        <EmptyState title="No departments yet">
          <p>
            Apply a model file above, or run <code>npm run cli -- model import model.json</code>, to create them.
          </p>
        </EmptyState>
      ) : (
        <table className="data">
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">Head</th>
              <th scope="col" className="num">Touchpoints</th>
              <th scope="col" className="num">People</th>
              <th scope="col">Status</th>
            </tr>
          </thead>
          <tbody>
            {departments.map((d) => (
              <tr key={d.id}>
                <td>
                  <strong>{d.name}</strong>
                  {d.description ? <div className="muted">{d.description}</div> : null}
                </td>
                <td>{d.headName ?? <span className="muted">No head</span>}</td>
                <td className="num">{d.touchpointCount}</td>
                <td className="num">{d.userCount}</td>
                <td>{d.active ? <span className="tag">active</span> : <span className="tag inactive">inactive</span>}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
