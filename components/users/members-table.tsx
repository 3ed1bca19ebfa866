import type { TMember } from "@/lib/db/users";
import { formatSignInTime } from "./format-sign-in";
import { MemberActions, RoleForm } from "./member-forms";

/** The practice's members: who, role (editable), last sign-in in the practice's time zone, two-factor. */
export function MembersTable({ members, organizationId, timeZone, currentUserId }: { members: TMember[]; organizationId: string; timeZone: string; currentUserId: string }) {
  return (
    <div className="table-scroll">
      <table className="table members-table" data-testid="members-table">
        <caption className="visually-hidden">Members of this practice</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Email</th>
            <th scope="col">Role</th>
            <th scope="col">Last sign-in</th>
            <th scope="col">Two-factor</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {members.map((member) => {
            const ref = { organizationId, userId: member.userId, name: member.name, isSelf: member.userId === currentUserId };

            return (
              <tr key={member.userId} data-testid="member-row">
                <td>
                  <span className="member-name">{member.name}</span>
                  {ref.isSelf ? <span className="muted"> (you)</span> : null}
                  {!member.hasPassword ? (
                    <div>
                      <span className="badge badge-documentation" title="They have not used their setup link yet">
                        Waiting for setup
                      </span>
                    </div>
                  ) : null}
                </td>
                <td className="member-email">{member.email}</td>
                <td>
                  <RoleForm member={ref} role={member.role} />
                </td>
                <td className="nowrap">{formatSignInTime(member.lastSignInAt, timeZone)}</td>
                <td>{member.twoFactorEnabled ? <span className="badge badge-ok">On</span> : <span className="badge badge-neutral">Off</span>}</td>
                <td>
                  <MemberActions member={ref} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
