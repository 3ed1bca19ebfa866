import type { Metadata } from "next";
import { findOrganizations, getDb } from "@/lib/db";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Practices" };

const dateFormat = new Intl.DateTimeFormat("en-US", { dateStyle: "medium", timeZone: "UTC" });
const countFormat = new Intl.NumberFormat("en-US");

export default async function HomePage() {
  const { db } = getDb();
  const organizations = await findOrganizations(db);

  return (
    <>
      <h1>Practices</h1>
      <p className="page-intro">Infusion revenue leakage by practice: what was given, what should have been billed, what was paid.</p>
      {organizations.length === 0 ? (
        <div className="panel empty-state">
          <p>
            No practices yet — import sessions and claims with{" "}
            <code>npm run cli -- import --org &lt;name&gt; &lt;files&gt;</code>
          </p>
          <p>Sessions come from your EHR&apos;s infusion or MAR export; claims from a claims CSV or an 835 remittance file.</p>
        </div>
      ) : (
        <div className="panel" style={{ padding: 0, overflow: "hidden" }}>
          <table className="table">
            <thead>
              <tr>
                <th scope="col">Practice</th>
                <th scope="col">Setting</th>
                <th scope="col">Time zone</th>
                <th scope="col" className="num">
                  Encounters
                </th>
                <th scope="col" className="num">
                  Claim lines
                </th>
                <th scope="col">Last import</th>
              </tr>
            </thead>
            <tbody>
              {organizations.map((organization) => (
                <tr key={organization.id}>
                  <td>
                    {organization.name} {organization.isDemo ? <span className="badge badge-demo">demo data</span> : null}
                  </td>
                  <td>{organization.setting}</td>
                  <td className="muted">{organization.timeZone}</td>
                  <td className="num">{countFormat.format(organization.encounterCount)}</td>
                  <td className="num">{countFormat.format(organization.claimLineCount)}</td>
                  <td className="muted">{organization.lastImportAt ? dateFormat.format(organization.lastImportAt) : "—"}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </>
  );
}
