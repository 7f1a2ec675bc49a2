// Admin: everyone who can sign in, their role and department; invite people with a one-time link, change
// roles, and deactivate, which ends access on the next request.
import type { Metadata } from "next";
import { PageHeader } from "@/components/page-header";
import { InviteForm, NewLinkButton } from "@/components/setup/invite-form";
import { serverApi } from "@/server/api/caller";
import { currentUser } from "@/server/auth/session";
import { UserActiveToggle } from "./user-active-toggle";
import { UserRoleSelect } from "./user-role-select";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Users" };

export default async function UsersPage() {
  const api = await serverApi();
  const [users, departments, me] = await Promise.all([api.admin.users(), api.model.departments(), currentUser()]);
  return (
    <>
      <PageHeader title="Users" description="Admins set up the program, executives read it, owners keep their touchpoints' initiatives current." />
      <InviteForm departments={departments.filter((d) => d.active).map((d) => ({ id: d.id, name: d.name }))} />
      <table className="data">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Department</th>
            <th scope="col">Sign-in</th>
            <th scope="col">Access</th>
          </tr>
        </thead>
        <tbody>
          {users.map((u) => (
            <tr key={u.id}>
              <td>{u.name}</td>
              <td>{u.email}</td>
              <td>
                <UserRoleSelect userId={u.id} name={u.name} role={u.role} self={u.id === me?.id} />
              </td>
              <td>{u.departmentName ?? <span className="muted">—</span>}</td>
              <td>
                {u.invitationPending ? <span className="tag">invitation pending</span> : u.hasPassword ? "Password" : <span className="muted">SSO only</span>}{" "}
                {u.id !== me?.id && u.active ? <NewLinkButton userId={u.id} name={u.name} hasPassword={u.hasPassword} /> : null}
              </td>
              <td>
                <UserActiveToggle userId={u.id} name={u.name} active={u.active} self={u.id === me?.id} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}
