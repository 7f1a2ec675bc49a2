// The demo's codebook: the themes a restaurant group's CX team would track in Larder & Lane's comments. "Service
// charge" appears only once the new charge reaches the bill, so it rises out of nowhere in that month.
import type { ThemeInput } from "@/lib/themes";

export const demoThemes: ThemeInput[] = [
  {
    name: "Service charge",
    description: "The service charge added to bills: guests who did not expect it, or paid it and a tip.",
    terms: ["service charge", "service fee", "new charge", "extra line", "price rise", "charges at the bottom"],
  },
  {
    name: "Waiting time",
    description: "Waits for a table, the food, the bill, the car or a reply.",
    terms: ["wait", "queue", "on hold", "late", "slow", "took ages", "twenty minutes", "20 minutes", "25 minutes", "half an hour"],
  },
  {
    name: "Staff friendliness",
    description: "How the people were: kind, friendly, rude, dismissive.",
    terms: ["friendly", "kind", "polite", "rude", "welcome", "went out of their way", "took it seriously", "remembered us"],
  },
  {
    name: "Food temperature",
    description: "Food that arrived cold, lukewarm or hot.",
    terms: ["cold", "lukewarm", "arrived hot", "how hot", "soggy"],
    touchpointCodes: ["DIN-FOOD", "DEL-FOOD", "DEL-TIMING", "DEL-PACKAGING", "DEL-COURIER"],
  },
  {
    name: "Allergies and dietary needs",
    description: "Allergens, gluten-free and vegan dishes, and the care taken with them.",
    terms: ["allergy", "allergen", "nut", "gluten", "vegan", "vegetarian"],
  },
  {
    name: "Delivery tracking",
    description: "The tracking map, order status and arrival estimates.",
    terms: ["tracking", "tracker", "order status", "estimated arrival", "stuck at", "froze", "freezing"],
    touchpointCodes: ["DEL-TRACKING", "DEL-NOTIFY", "DEL-COURIER", "DEL-TIMING", "CARE-PHONE", "CARE-CHAT", "CARE-EMAIL"],
  },
  {
    name: "Refunds and double charges",
    description: "Refunds that are slow or wrong, and being charged twice.",
    terms: ["refund", "charged twice", "refunded"],
  },
  {
    name: "Loyalty points",
    description: "Club points: missing, expiring, confusing statements.",
    terms: ["points", "points statement", "reward", "club card"],
  },
  {
    name: "Getting through to us",
    description: "Holds, transfers, chatbots and repeating the story.",
    terms: ["on hold", "cut off", "transferred", "chatbot", "real person", "repeat myself", "explain the whole thing again"],
    touchpointCodes: ["CARE-PHONE", "CARE-CHAT", "CARE-EMAIL", "CARE-FOLLOWUP", "RES-PHONE"],
  },
  {
    name: "Noise and ambience",
    description: "Noise, music, lighting and where guests were seated.",
    terms: ["noisy", "noise", "loud", "music", "lighting", "kitchen door"],
  },
  {
    name: "Value for money",
    description: "Prices and whether the experience was worth it.",
    terms: ["expensive", "value", "worth it", "prices", "overpriced"],
  },
  {
    name: "Cleanliness",
    description: "Restrooms, tables and cutlery.",
    terms: ["soap", "paper towels", "dirty", "clean", "restrooms", "sticky"],
  },
];
