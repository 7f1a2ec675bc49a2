// The overview's failure-demand tile: the share of contacts caused upstream with its margin and n, how much is
// still unclassified, and the change, coloured only when significant; it opens the failure-demand view.
import type { ProgramOverview } from "@/server/scores/overview";
import { formatCost } from "@/lib/money";
import { MethodLink } from "../method-link";
import { describeChange, describeMissing, formatContacts, formatCount, formatMargin, formatValue } from "../format";

export function FailureDemandTile({ tile, currency, href }: { tile: ProgramOverview["failureDemand"]; currency: string; href: string }) {
  const { share, change } = tile;
  const tone = change.status === "ok" && change.significant ? (change.direction === "better" ? "good" : "bad") : "neutral";
  return (
    <section className="card tile" aria-label="Failure demand">
      <a href={href} className="tile-link">
        <h3>Failure demand</h3>
        {share.status === "ok" ? (
          <>
            <div className="stat">{formatValue("failure_demand", share.value)}</div>
            <div className="muted">
              {formatMargin("failure_demand", share.margin)} · {formatCount(share.n)} contacts
            </div>
            <div className="muted">
              {formatContacts(tile.failureContacts)} caused upstream, {formatCost(tile.failureCost, currency)}
            </div>
          </>
        ) : (
          <>
            <div className="stat muted">—</div>
            <div className="muted">{share.n === 0 ? "no service contacts in this period" : describeMissing(share)}</div>
          </>
        )}
        {tile.unclassifiedShare != null && tile.unclassifiedShare > 0 ? (
          <div className="left-out">{tile.unclassifiedShare.toFixed(0)}% of contacts still unclassified</div>
        ) : null}
        {tile.contacts > 0 ? (
          <div className={`change ${tone}`}>
            {change.status === "ok" ? describeChange("failure_demand", change) : "not compared: too few contacts in one of the periods"}
          </div>
        ) : null}
      </a>
      <MethodLink section="failure-demand">How failure demand is computed</MethodLink>
    </section>
  );
}
