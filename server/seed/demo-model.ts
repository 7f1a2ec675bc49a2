// The demo company, Larder & Lane: departments, people, touchpoints and journeys as a model document.
// Also the per-touchpoint profiles (volume, quality, metrics, story) that the demo response generator draws from.
import { demoReasonMap, demoReasonRules } from "./demo-contacts";
import type { ModelDocumentInput } from "@/server/model/document";
import { demoLocations, demoSiteManagers } from "./demo-locations";
import { demoThemes } from "./demo-themes";

export const DEMO_PASSWORD = "throughline-demo";

export const attributeCodes = ["speed", "food_quality", "value"] as const;
export type AttributeCode = (typeof attributeCodes)[number];

export interface TouchpointProfile {
  /** Responses per month on average. */
  monthlyVolume: number;
  /** Typical satisfaction from 0 (awful) to 1 (perfect) before any pattern applies; ~0.6–0.85. */
  quality: number;
  /** Which metrics this touchpoint's survey asks. csat is always asked. */
  metrics: Array<"nps" | "csat" | "ces" | "review_stars">;
  /** Story the CCO should find in the data; absent = stable. */
  pattern?: "improving" | "declining" | "sparse" | "billing_spike" | "billing_change";
  /**
   * Attribute questions this survey asks (1–5) and how strongly each truly drives the customer's overall
   * satisfaction (0 = asked, but moves nothing): the key-driver view must find these weights' order.
   */
  attributes?: Partial<Record<AttributeCode, number>>;
  /** Short topic phrases the comments talk about, e.g. ["the wait for a table", "the bar"]. 3–5 each. */
  topics: string[];
}

const MARKETING = "Marketing";
const SALES = "Reservations & Sales";
const OPERATIONS = "Restaurant Operations";
const KITCHEN = "Kitchen & Menu";
const BILLING = "Billing & Payments";
const DIGITAL = "Digital";
const CARE = "Guest Care";

const departments: ModelDocumentInput["departments"] = [
  {
    name: MARKETING,
    description: "Brand, social media, email offers, online reviews and the Larder & Lane Club programme.",
    head: "sofia@larderlane.example",
  },
  {
    name: SALES,
    description: "Table bookings by phone and online, confirmations, private dining and gift cards.",
    head: "daniel@larderlane.example",
  },
  {
    name: OPERATIONS,
    description: "Front of house in all twelve restaurants, valet, and the courier fleet for home delivery.",
    head: "hannah@larderlane.example",
  },
  {
    name: KITCHEN,
    description: "Menu development, food quality, allergens and delivery packaging across every kitchen.",
    head: "tomas@larderlane.example",
  },
  {
    name: BILLING,
    description: "Bills, card payments, service charges, delivery checkout, refunds and loyalty points statements.",
    head: "graham@larderlane.example",
  },
  {
    name: DIGITAL,
    description: "The website, the Larder & Lane app, order tracking, notifications and the in-app Club wallet.",
    head: "aisha@larderlane.example",
  },
  {
    name: CARE,
    description: "The guest care phone line, live chat and email, and follow-up after complaints.",
    head: "nadia@larderlane.example",
  },
];

const users: ModelDocumentInput["users"] = [
  { email: "admin@larderlane.example", name: "Priya Natarajan", role: "admin", department: DIGITAL },
  { email: "cco@larderlane.example", name: "Morgan Ellis", role: "executive", department: null },
  { email: "sofia@larderlane.example", name: "Sofia Marchetti", role: "owner", department: MARKETING },
  { email: "daniel@larderlane.example", name: "Daniel Okafor", role: "owner", department: SALES },
  { email: "hannah@larderlane.example", name: "Hannah Lindqvist", role: "owner", department: OPERATIONS },
  { email: "marcus@larderlane.example", name: "Marcus Reid", role: "owner", department: OPERATIONS },
  { email: "tomas@larderlane.example", name: "Tomás Herrera", role: "owner", department: KITCHEN },
  { email: "graham@larderlane.example", name: "Graham Whitfield", role: "owner", department: BILLING },
  { email: "aisha@larderlane.example", name: "Aisha Rahman", role: "owner", department: DIGITAL },
  { email: "leo@larderlane.example", name: "Leo Fischer", role: "owner", department: DIGITAL },
  { email: "nadia@larderlane.example", name: "Nadia Kowalski", role: "owner", department: CARE },
];

const customMetrics: NonNullable<ModelDocumentInput["customMetrics"]> = [
  {
    code: "review_stars",
    name: "Online review rating",
    scaleMin: 1,
    scaleMax: 5,
    direction: "higher_is_better",
    topBoxMin: 4,
    description: "Star rating left on public review sites, collected daily across all twelve restaurants.",
  },
  {
    code: "speed",
    name: "Speed of service",
    scaleMin: 1,
    scaleMax: 5,
    direction: "higher_is_better",
    topBoxMin: 4,
    description: "Attribute question: how satisfied were you with the speed of service? (1–5)",
  },
  {
    code: "food_quality",
    name: "Food quality",
    scaleMin: 1,
    scaleMax: 5,
    direction: "higher_is_better",
    topBoxMin: 4,
    description: "Attribute question: how satisfied were you with the quality of the food? (1–5)",
  },
  {
    code: "value",
    name: "Value for money",
    scaleMin: 1,
    scaleMax: 5,
    direction: "higher_is_better",
    topBoxMin: 4,
    description: "Attribute question: how satisfied were you with the value for money? (1–5)",
  },
];

const touchpoints: ModelDocumentInput["touchpoints"] = [
  // Marketing
  {
    code: "MKT-SOCIAL",
    name: "Social media posts and ads",
    channel: "other",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "Posts, stories and paid ads that put a Larder & Lane dish in front of someone deciding where to eat.",
    targets: { csat: 72 },
  },
  {
    code: "MKT-EMAIL-OFFERS",
    name: "Email offers and newsletter",
    channel: "email",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "The weekly newsletter with seasonal menus, offers and Club-only deals.",
    targets: { csat: 70 },
  },
  {
    code: "MKT-REVIEWS",
    name: "Online reviews",
    channel: "other",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "Public reviews guests read before booking and write after their visit, with our replies.",
    targets: { csat: 78, review_stars: 4.2 },
  },
  {
    code: "LOY-REDEEM",
    name: "Redeeming a Club reward",
    channel: "in_person",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "Using points or a Club reward against a meal, at the table or in the app.",
    targets: { csat: 80, nps: 40 },
  },
  {
    code: "LOY-BIRTHDAY",
    name: "Birthday treat",
    channel: "email",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "The birthday email with a free dessert or bottle of wine for Club members.",
    targets: { csat: 85 },
  },
  {
    code: "LOY-EVENTS",
    name: "Members' evenings",
    channel: "in_person",
    department: MARKETING,
    owner: "sofia@larderlane.example",
    description: "Chef's table nights and tasting evenings open only to Club members.",
    targets: { csat: 88, nps: 50 },
  },

  // Reservations & Sales
  {
    code: "RES-PHONE",
    name: "Phone reservation",
    channel: "phone",
    department: SALES,
    owner: "daniel@larderlane.example",
    description: "Calling the reservations line to book, change or cancel a table.",
    targets: { csat: 80, ces: 5.5 },
  },
  {
    code: "RES-ONLINE",
    name: "Online table booking",
    channel: "web",
    department: SALES,
    owner: "daniel@larderlane.example",
    momentOfTruth: true,
    weight: 1.5,
    description: "Finding a free table and booking it on the website or in the app.",
    targets: { csat: 82, nps: 35, ces: 5.6 },
  },
  {
    code: "RES-CONFIRM",
    name: "Booking confirmation and reminder",
    channel: "email",
    department: SALES,
    owner: "daniel@larderlane.example",
    description: "The confirmation email and the reminder the day before, with a link to change the booking.",
    targets: { csat: 85 },
  },
  {
    code: "SAL-PRIVATE-DINING",
    name: "Private dining enquiry",
    channel: "email",
    department: SALES,
    owner: "daniel@larderlane.example",
    description: "Enquiring about a private room or exclusive hire for a party, wedding or company dinner.",
    targets: { csat: 85, nps: 45 },
  },
  {
    code: "SAL-GIFT-CARDS",
    name: "Gift card purchase",
    channel: "web",
    department: SALES,
    owner: "daniel@larderlane.example",
    description: "Buying a digital or printed Larder & Lane gift card online.",
    targets: { csat: 82, ces: 5.6 },
  },

  // Restaurant Operations
  {
    code: "ARR-VALET",
    name: "Valet parking",
    channel: "in_person",
    department: OPERATIONS,
    owner: "marcus@larderlane.example",
    description: "Handing over the car on arrival and getting it back at the end of the evening.",
    targets: { csat: 75, nps: 20 },
  },
  {
    code: "ARR-HOST",
    name: "Host greeting and seating",
    channel: "in_person",
    department: OPERATIONS,
    owner: "hannah@larderlane.example",
    momentOfTruth: true,
    weight: 2,
    description: "The welcome at the door, finding the booking and walking guests to their table.",
    targets: { csat: 88, nps: 45 },
  },
  {
    code: "ARR-WAIT",
    name: "Waiting for a table",
    channel: "in_person",
    department: OPERATIONS,
    owner: "hannah@larderlane.example",
    description: "Time spent at the bar or by the door when a table is not ready on time.",
    targets: { csat: 70 },
  },
  {
    code: "DIN-SERVER",
    name: "Table service",
    channel: "in_person",
    department: OPERATIONS,
    owner: "hannah@larderlane.example",
    momentOfTruth: true,
    weight: 2,
    description: "How the server looks after the table from ordering to the last coffee.",
    targets: { csat: 86, nps: 45 },
  },
  {
    code: "DIN-DRINKS",
    name: "Bar and drinks",
    channel: "in_person",
    department: OPERATIONS,
    owner: "marcus@larderlane.example",
    description: "Cocktails, wine by the glass and how quickly drinks reach the table.",
    targets: { csat: 82, nps: 35 },
  },
  {
    code: "DIN-AMBIENCE",
    name: "Room and ambience",
    channel: "in_person",
    department: OPERATIONS,
    owner: "hannah@larderlane.example",
    description: "Lighting, music, noise level, temperature and table spacing in the dining room.",
    targets: { csat: 84, nps: 40 },
  },
  {
    code: "DIN-RESTROOMS",
    name: "Restrooms",
    channel: "in_person",
    department: OPERATIONS,
    owner: "marcus@larderlane.example",
    description: "Cleanliness and supplies in the restaurant restrooms.",
    targets: { csat: 80 },
  },
  {
    code: "DEL-COURIER",
    name: "Courier handover",
    channel: "in_person",
    department: OPERATIONS,
    owner: "marcus@larderlane.example",
    momentOfTruth: true,
    weight: 1.5,
    description: "The courier finding the address and handing the order over at the door.",
    targets: { csat: 84, nps: 35 },
  },
  {
    code: "DEL-TIMING",
    name: "Delivery on time",
    channel: "other",
    department: OPERATIONS,
    owner: "marcus@larderlane.example",
    description: "Whether the order arrived within the time promised at checkout.",
    targets: { csat: 78, nps: 30 },
  },

  // Kitchen & Menu
  {
    code: "DIN-MENU",
    name: "Menu choice",
    channel: "in_person",
    department: KITCHEN,
    owner: "tomas@larderlane.example",
    description: "The range of dishes, specials and prices on the restaurant menu.",
    targets: { csat: 80 },
  },
  {
    code: "DIN-FOOD",
    name: "Food quality",
    channel: "in_person",
    department: KITCHEN,
    owner: "tomas@larderlane.example",
    momentOfTruth: true,
    weight: 2,
    description: "Taste, temperature and presentation of the food served in the restaurant.",
    targets: { csat: 88, nps: 50 },
  },
  {
    code: "DIN-DIETARY",
    name: "Allergies and dietary needs",
    channel: "in_person",
    department: KITCHEN,
    owner: "tomas@larderlane.example",
    description: "Allergen information and how confidently the kitchen adapts dishes for dietary needs.",
    targets: { csat: 85 },
  },
  {
    code: "DEL-FOOD",
    name: "Delivered food quality",
    channel: "other",
    department: KITCHEN,
    owner: "tomas@larderlane.example",
    momentOfTruth: true,
    weight: 2,
    description: "How the food tastes, looks and holds its temperature by the time it is eaten at home.",
    targets: { csat: 82, nps: 40 },
  },
  {
    code: "DEL-PACKAGING",
    name: "Delivery packaging",
    channel: "other",
    department: KITCHEN,
    owner: "tomas@larderlane.example",
    description: "Containers, bags and seals: no spills, no soggy chips, easy to recycle.",
    targets: { csat: 78 },
  },

  // Billing & Payments
  {
    code: "PAY-BILL",
    name: "The bill",
    channel: "in_person",
    department: BILLING,
    owner: "graham@larderlane.example",
    momentOfTruth: true,
    weight: 2,
    description: "The itemised bill at the end of the meal: prices, charges and how clearly they are shown.",
    targets: { csat: 80, nps: 30 },
  },
  {
    code: "PAY-CARD",
    name: "Card payment at the table",
    channel: "in_person",
    department: BILLING,
    owner: "graham@larderlane.example",
    description: "Paying by card or phone on the handheld terminal, and earning Club points on the payment.",
    targets: { csat: 82, ces: 5.6 },
  },
  {
    code: "PAY-SPLIT",
    name: "Splitting the bill",
    channel: "in_person",
    department: BILLING,
    owner: "graham@larderlane.example",
    description: "Dividing the bill between several guests, by item or evenly.",
    targets: { csat: 75, ces: 5.2 },
  },
  {
    code: "DEL-CHECKOUT",
    name: "Delivery checkout and payment",
    channel: "app",
    department: BILLING,
    owner: "graham@larderlane.example",
    description: "Basket total, delivery and service fees, promo codes and payment in the app.",
    targets: { csat: 78, nps: 25, ces: 5.4 },
  },
  {
    code: "LOY-STATEMENT",
    name: "Points statement",
    channel: "email",
    department: BILLING,
    owner: "graham@larderlane.example",
    description: "The monthly Club statement showing points earned, spent and about to expire.",
    targets: { csat: 75, nps: 20 },
  },
  {
    code: "PAY-REFUND",
    name: "Refunds",
    channel: "email",
    department: BILLING,
    owner: "graham@larderlane.example",
    description: "Getting money back for a missing item, a cancelled order or an overcharge.",
    targets: { csat: 70, ces: 5.0 },
  },

  // Digital
  {
    code: "WEB-HOME",
    name: "Website and menus online",
    channel: "web",
    department: DIGITAL,
    owner: "leo@larderlane.example",
    description: "Browsing locations, opening hours and menus on larderlane.example.",
    targets: { csat: 80, ces: 5.6 },
  },
  {
    code: "DEL-APP-MENU",
    name: "App menu and basket",
    channel: "app",
    department: DIGITAL,
    owner: "aisha@larderlane.example",
    description: "Finding dishes, customising them and building a basket in the Larder & Lane app.",
    targets: { csat: 82, ces: 5.7 },
  },
  {
    code: "DEL-TRACKING",
    name: "Order tracking",
    channel: "app",
    department: DIGITAL,
    owner: "aisha@larderlane.example",
    description: "The live map and status updates in the app from kitchen to doorstep.",
    targets: { csat: 85, nps: 35, ces: 5.8 },
  },
  {
    code: "DEL-NOTIFY",
    name: "Order notifications",
    channel: "app",
    department: DIGITAL,
    owner: "leo@larderlane.example",
    description: "Push notifications and text messages when the order is accepted, on its way and delivered.",
    targets: { csat: 80, ces: 5.6 },
  },
  {
    code: "LOY-SIGNUP",
    name: "Club sign-up",
    channel: "app",
    department: DIGITAL,
    owner: "leo@larderlane.example",
    description: "Joining the Larder & Lane Club in the app or from the link on the bill.",
    targets: { csat: 85, nps: 40, ces: 5.8 },
  },
  {
    code: "LOY-APP-WALLET",
    name: "Club card in the app",
    channel: "app",
    department: DIGITAL,
    owner: "leo@larderlane.example",
    description: "The in-app Club card: points balance, rewards available and the code to scan at the table.",
    targets: { csat: 80, ces: 5.6 },
  },

  // Guest Care
  {
    code: "CARE-PHONE",
    name: "Guest care phone line",
    channel: "phone",
    department: CARE,
    owner: "nadia@larderlane.example",
    momentOfTruth: true,
    weight: 1.5,
    description: "Calling guest care about a visit, an order, a bill or the Club.",
    targets: { csat: 80, nps: 25, ces: 5.3 },
  },
  {
    code: "CARE-CHAT",
    name: "Live chat",
    channel: "chat",
    department: CARE,
    owner: "nadia@larderlane.example",
    description: "Chatting with guest care in the app or on the website.",
    targets: { csat: 80, nps: 25, ces: 5.5 },
  },
  {
    code: "CARE-EMAIL",
    name: "Email support",
    channel: "email",
    department: CARE,
    owner: "nadia@larderlane.example",
    description: "Writing to guest care and getting a reply by email.",
    targets: { csat: 75, ces: 5.0 },
  },
  {
    code: "CARE-FOLLOWUP",
    name: "Follow-up after a complaint",
    channel: "phone",
    department: CARE,
    owner: "nadia@larderlane.example",
    description: "The call back from a manager or guest care after a complaint, and any goodwill offered.",
    targets: { csat: 82, nps: 30 },
  },
];

const journeys: ModelDocumentInput["journeys"] = [
  {
    name: "Dine-in evening",
    description: "An evening meal in one of the restaurants, from first hearing about us to what happens after the visit.",
    persona: "A couple or small group booking dinner a few days ahead, often to celebrate something, who expect the evening to feel special.",
    stages: [
      {
        name: "Discover",
        description: "Deciding where to eat: social posts, reviews, the website, an offer in the inbox or a gift card.",
        touchpoints: ["MKT-SOCIAL", "MKT-REVIEWS", "WEB-HOME", "MKT-EMAIL-OFFERS", "SAL-GIFT-CARDS"],
      },
      {
        name: "Reserve",
        description: "Booking a table or a private room and being reminded of it.",
        touchpoints: ["RES-ONLINE", "RES-PHONE", "SAL-PRIVATE-DINING", "RES-CONFIRM"],
      },
      {
        name: "Arrive",
        description: "Parking, the welcome at the door and getting seated.",
        touchpoints: ["ARR-VALET", "ARR-HOST", "ARR-WAIT"],
      },
      {
        name: "Dine",
        description: "The meal itself: service, menu, food, drinks and the room.",
        touchpoints: ["DIN-SERVER", "DIN-MENU", "DIN-DIETARY", "DIN-DRINKS", "DIN-FOOD", "DIN-AMBIENCE", "DIN-RESTROOMS"],
      },
      {
        name: "Pay",
        description: "Getting the bill, splitting it, using a reward and paying.",
        touchpoints: ["PAY-BILL", "PAY-SPLIT", "LOY-REDEEM", "PAY-CARD"],
      },
      {
        name: "After the visit",
        description: "Reviewing the evening, and getting in touch if something was not right.",
        touchpoints: ["MKT-REVIEWS", "CARE-PHONE", "CARE-CHAT", "CARE-EMAIL", "CARE-FOLLOWUP"],
      },
    ],
  },
  {
    name: "Home delivery",
    description: "Ordering Larder & Lane dishes through the app for delivery by our own couriers.",
    persona: "A busy household ordering dinner for two to four on a weeknight, who want it hot, on time and without fuss.",
    stages: [
      {
        name: "Browse & order",
        description: "Looking at the menu and building a basket.",
        touchpoints: ["WEB-HOME", "DEL-APP-MENU"],
      },
      {
        name: "Pay",
        description: "Checking the total, fees and promo codes and paying in the app.",
        touchpoints: ["DEL-CHECKOUT"],
      },
      {
        name: "Track",
        description: "Following the order from the kitchen to the door.",
        touchpoints: ["DEL-TRACKING", "DEL-NOTIFY", "DEL-TIMING"],
      },
      {
        name: "Receive & eat",
        description: "The handover at the door and the meal at home.",
        touchpoints: ["DEL-COURIER", "DEL-PACKAGING", "DEL-FOOD"],
      },
      {
        name: "Get help",
        description: "Contacting guest care about a late, wrong or missing order, or a charge, and getting money back.",
        touchpoints: ["CARE-CHAT", "CARE-PHONE", "CARE-EMAIL", "PAY-REFUND", "CARE-FOLLOWUP"],
      },
    ],
  },
  {
    name: "Loyalty club",
    description: "Membership of the Larder & Lane Club: joining, earning points on every visit and order, and spending them.",
    persona: "A regular who eats in or orders in a couple of times a month and wants to be recognised and rewarded for it.",
    stages: [
      {
        name: "Join",
        description: "Signing up and getting the Club card into the app.",
        touchpoints: ["LOY-SIGNUP", "LOY-APP-WALLET"],
      },
      {
        name: "Earn",
        description: "Collecting points on restaurant bills and delivery orders, and seeing them on the statement.",
        touchpoints: ["PAY-CARD", "DEL-CHECKOUT", "LOY-STATEMENT"],
      },
      {
        name: "Redeem",
        description: "Spending points and enjoying the birthday treat.",
        touchpoints: ["LOY-REDEEM", "LOY-BIRTHDAY"],
      },
      {
        name: "Stay in touch",
        description: "Newsletters, members' evenings and social channels that keep the Club worth belonging to.",
        touchpoints: ["MKT-EMAIL-OFFERS", "LOY-EVENTS", "MKT-SOCIAL"],
      },
    ],
  },
];

export const demoModel: ModelDocumentInput = {
  version: 1,
  departments,
  users: [...users, ...demoSiteManagers],
  customMetrics,
  touchpoints,
  locations: demoLocations,
  journeys,
  contactReasons: demoReasonMap,
  contactReasonRules: demoReasonRules,
  themes: demoThemes,
};

export const demoProfiles: Record<string, TouchpointProfile> = {
  // Marketing
  "MKT-SOCIAL": {
    monthlyVolume: 90,
    quality: 0.7,
    metrics: ["csat"],
    topics: ["the Instagram photos", "the seasonal menu posts", "the ads", "replies to comments"],
  },
  "MKT-EMAIL-OFFERS": {
    monthlyVolume: 150,
    quality: 0.66,
    metrics: ["csat"],
    topics: ["the weekly newsletter", "the two-for-one offer", "how often the emails come", "the offer terms"],
  },
  "MKT-REVIEWS": {
    monthlyVolume: 200,
    quality: 0.74,
    metrics: ["csat", "review_stars"],
    topics: ["the reviews online", "the manager's reply to my review", "the star rating", "what other guests said"],
  },
  "LOY-REDEEM": {
    monthlyVolume: 160,
    quality: 0.76,
    metrics: ["csat", "nps"],
    topics: ["using my points", "the reward dessert", "the staff scanning my Club card", "the rewards on offer"],
  },
  "LOY-BIRTHDAY": {
    monthlyVolume: 90,
    quality: 0.84,
    metrics: ["csat"],
    topics: ["the birthday dessert", "the birthday email", "the free bottle of wine", "how long the voucher lasts"],
  },
  "LOY-EVENTS": {
    monthlyVolume: 60,
    quality: 0.85,
    metrics: ["csat", "nps"],
    topics: ["the chef's table night", "the tasting menu", "the wine pairing", "meeting the chef"],
  },

  // Reservations & Sales
  "RES-PHONE": {
    monthlyVolume: 180,
    quality: 0.72,
    metrics: ["csat", "ces"],
    topics: ["getting through on the phone", "the hold music", "the person who took my booking", "changing my booking"],
  },
  "RES-ONLINE": {
    monthlyVolume: 300,
    quality: 0.8,
    metrics: ["csat", "nps", "ces"],
    topics: ["the booking page", "the available time slots", "adding a note for a birthday", "booking for a large group"],
  },
  "RES-CONFIRM": {
    monthlyVolume: 210,
    quality: 0.82,
    metrics: ["csat"],
    topics: ["the confirmation email", "the reminder text", "the link to change my booking", "the directions in the email"],
  },
  "SAL-PRIVATE-DINING": {
    monthlyVolume: 2,
    quality: 0.75,
    metrics: ["csat", "nps"],
    pattern: "sparse",
    topics: ["the private room", "the events coordinator", "the set menu options", "the deposit"],
  },
  "SAL-GIFT-CARDS": {
    monthlyVolume: 70,
    quality: 0.78,
    metrics: ["csat", "ces"],
    topics: ["buying the gift card", "the e-gift card email", "the gift card design", "checking the balance"],
  },

  // Restaurant Operations
  "ARR-VALET": {
    monthlyVolume: 120,
    quality: 0.45,
    metrics: ["csat", "nps"],
    pattern: "improving",
    topics: ["the valet", "waiting for my car", "the parking ticket", "how the car was handled"],
  },
  "ARR-HOST": {
    monthlyVolume: 300,
    quality: 0.8,
    metrics: ["csat", "nps"],
    topics: ["the welcome at the door", "the host", "being shown to our table", "the table we were given"],
  },
  "ARR-WAIT": {
    monthlyVolume: 150,
    quality: 0.62,
    metrics: ["csat"],
    topics: ["the wait for a table", "standing by the door", "the bar while we waited", "being told how long it would be"],
  },
  "DIN-SERVER": {
    monthlyVolume: 520,
    quality: 0.8,
    metrics: ["csat", "nps"],
    attributes: { speed: 0.6, food_quality: 0.3, value: 0 },
    topics: ["our server", "the service", "how often someone checked on us", "the wine recommendation", "the pace of the meal"],
  },
  "DIN-DRINKS": {
    monthlyVolume: 200,
    quality: 0.76,
    metrics: ["csat", "nps"],
    topics: ["the cocktails", "the wine list", "how long drinks took", "the alcohol-free options"],
  },
  "DIN-AMBIENCE": {
    monthlyVolume: 180,
    quality: 0.78,
    metrics: ["csat", "nps"],
    topics: ["the music", "the noise level", "the lighting", "the temperature in the room", "the table by the kitchen"],
  },
  "DIN-RESTROOMS": {
    monthlyVolume: 80,
    quality: 0.7,
    metrics: ["csat"],
    topics: ["the restrooms", "the soap and towels", "the queue for the toilets"],
  },
  "DEL-COURIER": {
    monthlyVolume: 460,
    quality: 0.77,
    metrics: ["csat", "nps"],
    attributes: { speed: 0.65, value: 0 },
    topics: ["the courier", "finding our building", "the handover at the door", "the delivery instructions"],
  },
  "DEL-TIMING": {
    monthlyVolume: 250,
    quality: 0.7,
    metrics: ["csat", "nps"],
    topics: ["the delivery time", "the estimated arrival", "the order arriving late", "the Friday night wait"],
  },

  // Kitchen & Menu
  "DIN-MENU": {
    monthlyVolume: 200,
    quality: 0.76,
    metrics: ["csat"],
    topics: ["the menu", "the specials", "the vegetarian choice", "the prices", "the kids' menu"],
  },
  "DIN-FOOD": {
    monthlyVolume: 580,
    quality: 0.82,
    metrics: ["csat", "nps"],
    attributes: { food_quality: 0.45, speed: 0.35, value: 0 },
    topics: ["the steak", "the food", "the portion sizes", "the desserts", "how hot the food was"],
  },
  "DIN-DIETARY": {
    monthlyVolume: 90,
    quality: 0.74,
    metrics: ["csat"],
    topics: ["the allergen menu", "the gluten-free options", "the kitchen's care with my allergy", "the vegan dishes"],
  },
  "DEL-FOOD": {
    monthlyVolume: 360,
    quality: 0.74,
    metrics: ["csat", "nps"],
    attributes: { food_quality: 0.55, speed: 0.15, value: 0.05 },
    topics: ["the food", "the fries", "the burger", "how hot it arrived", "a missing side"],
  },
  "DEL-PACKAGING": {
    monthlyVolume: 120,
    quality: 0.72,
    metrics: ["csat"],
    topics: ["the packaging", "the sauce pots", "the recyclable containers", "the sealed bag"],
  },

  // Billing & Payments: the department that drags every journey down.
  "PAY-BILL": {
    monthlyVolume: 430,
    quality: 0.6,
    metrics: ["csat", "nps"],
    pattern: "billing_change",
    topics: ["the bill", "the itemised receipt", "the prices on the bill", "how long the bill took to come"],
  },
  "PAY-CARD": {
    monthlyVolume: 260,
    quality: 0.6,
    metrics: ["csat", "ces"],
    topics: ["the card machine", "paying by phone", "waiting for the card reader", "earning points on the payment"],
  },
  "PAY-SPLIT": {
    monthlyVolume: 100,
    quality: 0.52,
    metrics: ["csat", "ces"],
    topics: ["splitting the bill", "paying separately", "the split by item", "the time it took to pay"],
  },
  "DEL-CHECKOUT": {
    monthlyVolume: 380,
    quality: 0.58,
    metrics: ["csat", "nps", "ces"],
    pattern: "billing_change",
    topics: ["the delivery fee", "the promo code", "the checkout", "the total at the end", "saved card details"],
  },
  "LOY-STATEMENT": {
    monthlyVolume: 110,
    quality: 0.56,
    metrics: ["csat", "nps"],
    pattern: "billing_change",
    topics: ["the points statement", "my points balance", "points about to expire", "points missing from a visit", "how points are worked out"],
  },
  "PAY-REFUND": {
    monthlyVolume: 70,
    quality: 0.5,
    metrics: ["csat", "ces"],
    topics: ["the refund", "how long the refund took", "the refund amount", "getting a refund for a missing item"],
  },

  // Digital
  "WEB-HOME": {
    monthlyVolume: 200,
    quality: 0.76,
    metrics: ["csat", "ces"],
    topics: ["the website", "the online menu", "the opening hours", "the site on my phone"],
  },
  "DEL-APP-MENU": {
    monthlyVolume: 320,
    quality: 0.78,
    metrics: ["csat", "ces"],
    topics: ["the app", "the menu photos", "customising my order", "the basket", "the search"],
  },
  "DEL-TRACKING": {
    monthlyVolume: 300,
    quality: 0.82,
    metrics: ["csat", "nps", "ces"],
    pattern: "declining",
    topics: ["the tracking map", "the order status", "the estimated arrival time", "the app freezing"],
  },
  "DEL-NOTIFY": {
    monthlyVolume: 120,
    quality: 0.74,
    metrics: ["csat", "ces"],
    topics: ["the notifications", "the text when the driver was close", "the 'delivered' message", "too many alerts"],
  },
  "LOY-SIGNUP": {
    monthlyVolume: 150,
    quality: 0.8,
    metrics: ["csat", "nps", "ces"],
    topics: ["signing up for the Club", "the welcome points", "the sign-up form", "the welcome email"],
  },
  "LOY-APP-WALLET": {
    monthlyVolume: 140,
    quality: 0.74,
    metrics: ["csat", "ces"],
    topics: ["the Club card in the app", "my points balance", "the scan code", "the rewards page"],
  },

  // Guest Care
  "CARE-PHONE": {
    monthlyVolume: 220,
    quality: 0.72,
    metrics: ["csat", "nps", "ces"],
    pattern: "billing_spike",
    topics: ["the wait on the phone", "the agent", "getting my problem sorted", "being transferred", "the call back"],
  },
  "CARE-CHAT": {
    monthlyVolume: 200,
    quality: 0.74,
    metrics: ["csat", "nps", "ces"],
    pattern: "billing_spike",
    topics: ["the chat", "the chatbot", "the agent on chat", "how quickly they answered", "getting a real person"],
  },
  "CARE-EMAIL": {
    monthlyVolume: 100,
    quality: 0.64,
    metrics: ["csat", "ces"],
    topics: ["the email reply", "how long the reply took", "the template answer", "the goodwill voucher"],
  },
  "CARE-FOLLOWUP": {
    monthlyVolume: 80,
    quality: 0.72,
    metrics: ["csat", "nps"],
    topics: ["the manager's call", "the apology", "the goodwill gesture", "how my complaint was handled"],
  },
};
