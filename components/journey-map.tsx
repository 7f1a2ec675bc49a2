// A journey drawn as its ordered stages, each listing the touchpoints the customer meets there.
import Link from "next/link";
import type { JourneyMap } from "@/server/model/queries";

export function JourneyMapCard({ journey, editHref }: { journey: JourneyMap[number]; editHref?: string }) {
  return (
    <section className="card" aria-labelledby={`journey-${journey.id}`}>
      <h3 id={`journey-${journey.id}`}>
        {journey.name} {journey.active ? null : <span className="tag inactive">inactive</span>}
        {editHref ? (
          <Link href={editHref} className="button-link" style={{ float: "right" }} aria-label={`Edit ${journey.name}`}>
            Edit
          </Link>
        ) : null}
      </h3>
      {journey.persona ? <p className="muted">{journey.persona}</p> : null}
      {journey.stages.length === 0 ? (
        <p className="muted">No stages yet.</p>
      ) : (
        <ol className="stages" aria-label={`Stages of ${journey.name}`} style={{ listStyle: "none", margin: 0, padding: 0 }}>
          {journey.stages.map((stage) => (
            <li className="stage" key={stage.id}>
              <h4>{stage.name}</h4>
              {stage.touchpoints.map((tp) => (
                <span className="chip" key={tp.touchpointId}>
                  {tp.name}
                  {tp.momentOfTruth ? (
                    <span className="mot" title="Moment of truth">
                      {" "}
                      ★
                    </span>
                  ) : null}
                  <br />
                  <span className="code">
                    {tp.departmentName} · {tp.ownerName ?? "unassigned"}
                  </span>
                </span>
              ))}
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
