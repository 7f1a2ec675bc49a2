// The demo's monthly volumes, where Larder & Lane counts what a touchpoint handles: delivery orders, bills paid and
// online bookings over its 12 months, set through setTouchpointVolumes so contacts per 1,000 transactions show.
import type { Database } from "@/db/client";
import type { Actor } from "@/server/audit";
import { setTouchpointVolumes } from "@/server/contacts/volumes";
import { hashString, seededRandom } from "./random";

interface VolumeStory {
  /** What the count is, for the reader of this file. */
  counts: string;
  touchpoints: string[];
  /** Transactions in the first month, and added each month after (growth). */
  first: number;
  growth: number;
}

// The same delivery order passes checkout, tracking, the food and its packaging; the same bill is paid at the
// table, mostly by card. Each month's figure is for the whole month, the last one too: the view counts a
// partial month's days' share of it.
const stories: VolumeStory[] = [
  { counts: "delivery orders", touchpoints: ["DEL-CHECKOUT", "DEL-TRACKING", "DEL-FOOD", "DEL-PACKAGING"], first: 9_200, growth: 150 },
  { counts: "bills paid", touchpoints: ["PAY-BILL", "PAY-CARD"], first: 24_000, growth: 0 },
  { counts: "online bookings", touchpoints: ["RES-ONLINE"], first: 6_000, growth: 0 },
];

/** Set the demo's volumes for each month window (index 0 the first, YYYY-MM from its start); returns the rows set. */
export async function seedDemoVolumes(db: Database, actor: Actor, months: ReadonlyArray<{ index: number; start: Date }>, seed: number): Promise<number> {
  const rows = stories.flatMap((story) => {
    const random = seededRandom(seed ^ hashString(`volumes:${story.counts}`));
    return months.flatMap((month) => {
      const transactions = Math.round((story.first + story.growth * month.index) * (0.96 + 0.08 * random.next()));
      return story.touchpoints.map((touchpoint) => ({ touchpoint, month: month.start.toISOString().slice(0, 7), transactions }));
    });
  });
  const saved = await setTouchpointVolumes(db, actor, { rows });
  return saved.rows;
}
