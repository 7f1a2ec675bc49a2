// Admin: the departments (silos), their heads and how much of the journey each one owns; create, edit,
// deactivate or delete them here, or change the whole model at once with the model file.
import type { Metadata } from "next";
import { EmptyState } from "@/components/empty-state";
import { ModelFile } from "@/components/model-file";
import { PageHeader } from "@/components/page-header";
import { EditDepartmentButton, NewDepartmentForm } from "@/components/setup/department-form";
import { RetireControls } from "@/components/setup/retire-controls";
import { serverApi } from "@/server/api/caller";
import { formatNumber } from "@/components/format";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Departments" };

export default async function DepartmentsPage() {
  const api = await serverApi();
  const [departments, users] = await Promise.all([api.model.departments(), api.admin.users()]);
  const people = users.filter((u) => u.active).map((u) => ({ id: u.id, name: u.name }));
  return (
    <>
      <PageHeader title="Departments" description="The silos that own the touchpoints along each journey." />
      <NewDepartmentForm people={people} />
      {departments.length === 0 ? (
        <EmptyState title="No departments yet">
          <p>Add the first one above, or apply a model file below to create the whole model at once.</p>
        </EmptyState>
      ) : (
        <table className="data" style={{ margin: "16px 0" }}>
          <thead>
            <tr>
              <th scope="col">Department</th>
              <th scope="col">Head</th>
              <th scope="col" className="num">
                Touchpoints
              </th>
              <th scope="col" className="num">
                People
              </th>
              <th scope="col">Status</th>
              <th scope="col">
                <span className="visually-hidden">Actions</span>
              </th>
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
                <td className="num">{formatNumber(d.touchpointCount)}</td>
                <td className="num">{formatNumber(d.userCount)}</td>
                <td>{d.active ? <span className="tag">active</span> : <span className="tag inactive">inactive</span>}</td>
                <td className="row-actions">
                  <EditDepartmentButton department={{ id: d.id, name: d.name, description: d.description, headUserId: d.headUserId }} people={people} />{" "}
                  <RetireControls kind="department" id={d.id} name={d.name} active={d.active} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <ModelFile />
    </>
  );
}
