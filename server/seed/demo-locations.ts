// Larder & Lane's eight restaurants in three regions, their managers, and where each demo response happened.
// Locations are drawn from their own random stream, so the program's figures are the same as without them.
import type { ModelDocumentInput } from "@/server/model/document";
import { hashString, seededRandom, type Random } from "./random";

type Site = { code: string; name: string; region: string; manager: string; weight: number; valet: boolean; newSite?: boolean };

/** The new site opened this many days before the demo's last day. */
const NEW_SITE_DAYS = 45;

const regions: NonNullable<ModelDocumentInput["locations"]> = [
  { code: "LDN", name: "London", kind: "region", manager: "marcus@larderlane.example" },
  { code: "NTH", name: "North", kind: "region", manager: "hannah@larderlane.example" },
  { code: "SCO", name: "Scotland", kind: "region", manager: "fiona@larderlane.example" },
];

export const demoSites: Site[] = [
  { code: "LDN-SOHO", name: "Soho", region: "LDN", manager: "ines@larderlane.example", weight: 0.17, valet: true },
  { code: "LDN-SHOREDITCH", name: "Shoreditch", region: "LDN", manager: "kwame@larderlane.example", weight: 0.14, valet: true },
  // The city site whose valet lets guests down: slow cars, scratches (the story the league shows).
  { code: "LDN-CANARY", name: "Canary Wharf", region: "LDN", manager: "isabel@larderlane.example", weight: 0.14, valet: true },
  { code: "NTH-MANCHESTER", name: "Manchester", region: "NTH", manager: "omar@larderlane.example", weight: 0.15, valet: true },
  { code: "NTH-LEEDS", name: "Leeds", region: "NTH", manager: "beth@larderlane.example", weight: 0.12, valet: false },
  { code: "NTH-YORK", name: "York", region: "NTH", manager: "beth@larderlane.example", weight: 0.1, valet: false },
  { code: "SCO-EDINBURGH", name: "Edinburgh", region: "SCO", manager: "fiona@larderlane.example", weight: 0.18, valet: true },
  // Opened six weeks ago: too few responses to rank.
  { code: "SCO-GLASGOW", name: "Glasgow", region: "SCO", manager: "fiona@larderlane.example", weight: 0.002, valet: false, newSite: true },
];

export const demoLocations: NonNullable<ModelDocumentInput["locations"]> = [
  ...regions,
  ...demoSites.map((s) => ({ code: s.code, name: s.name, kind: "site" as const, region: s.region, manager: s.manager })),
];

/** The site managers, as accounts of their own (Operations owners). */
export const demoSiteManagers: ModelDocumentInput["users"] = [
  { email: "ines@larderlane.example", name: "Inès Laurent", role: "owner", department: "Restaurant Operations" },
  { email: "kwame@larderlane.example", name: "Kwame Mensah", role: "owner", department: "Restaurant Operations" },
  { email: "isabel@larderlane.example", name: "Isabel Brandt", role: "owner", department: "Restaurant Operations" },
  { email: "omar@larderlane.example", name: "Omar Siddiqui", role: "owner", department: "Restaurant Operations" },
  { email: "beth@larderlane.example", name: "Beth Armitage", role: "owner", department: "Restaurant Operations" },
  { email: "fiona@larderlane.example", name: "Fiona Campbell", role: "owner", department: "Restaurant Operations" },
];

/** Touchpoints that happen at (or are cooked and sent from) a restaurant; the rest (social, web, care) have no site. */
const located = /^(ARR|DIN|PAY|DEL|RES)-|^SAL-PRIVATE-DINING$|^LOY-EVENTS$/;

export interface SiteDraw {
  monthIndex: number;
  /** Days from the response to the demo's last day. */
  daysBeforeEnd: number;
  satisfaction: number;
}

/** A per-touchpoint picker of sites: weighted by size, with the valet and the tracker stories folded in. */
export function sitePicker(code: string): ((draw: SiteDraw) => string | null) | null {
  if (!located.test(code)) return null;
  const random: Random = seededRandom(20_261_201 ^ hashString(`location:${code}`));
  const pickWeighted = (sites: Site[]) => {
    const total = sites.reduce((sum, s) => sum + s.weight, 0);
    let target = random.next() * total;
    for (const site of sites) if ((target -= site.weight) <= 0) return site.code;
    return sites.at(-1)!.code;
  };
  return ({ monthIndex, daysBeforeEnd, satisfaction }) => {
    const open = demoSites.filter((s) => !s.newSite || daysBeforeEnd < NEW_SITE_DAYS);
    const sites = code === "ARR-VALET" ? open.filter((s) => s.valet) : open;
    // Unhappy valet guests are mostly at Canary Wharf: the valet is poor at one city site only.
    if (code === "ARR-VALET" && satisfaction < 0.55 && random.chance(0.55)) return "LDN-CANARY";
    // Delivery tracking declines in the North first: from the seventh month its unhappy orders cluster there.
    if (code === "DEL-TRACKING" && monthIndex >= 6 && satisfaction < 0.5 && random.chance(0.6)) return pickWeighted(sites.filter((s) => s.region === "NTH"));
    return pickWeighted(sites);
  };
}
