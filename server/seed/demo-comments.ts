// Free-text comment templates for the demo survey responses, grouped by how the guest felt.
// `{topic}` is replaced with one of the touchpoint's topic phrases (e.g. "the wait for a table"); a comment that
// names a particular moment (the valet, the tracker, the bill) says where it fits, so none lands on the wrong touchpoint.

/** A comment template; `fits` lists the touchpoint codes (or code prefixes ending in "-") it reads right at, none for anywhere. */
export type DemoComment = { text: string; fits?: readonly string[] };

/** Whether a template reads right at the touchpoint with this code. */
export function commentFits(comment: DemoComment, code: string): boolean {
  return !comment.fits || comment.fits.some((fit) => (fit.endsWith("-") ? code.startsWith(fit) : code === fit));
}

export const positiveComments: DemoComment[] = [
  { text: "Lovely evening, thank you.", fits: ["ARR-", "DIN-", "PAY-", "RES-", "LOY-EVENTS", "SAL-PRIVATE-DINING"] },
  { text: "Great." },
  { text: "Really impressed with {topic}. Will be back." },
  { text: "Honestly, {topic} was spot on." },
  { text: "Couldn't fault {topic}, honestly." },
  { text: "We were celebrating our anniversary and {topic} made it feel special.", fits: ["ARR-", "DIN-", "RES-", "LOY-", "SAL-"] },
  { text: "Everything was easy and quick. Exactly what you want on a Friday night.", fits: ["ARR-", "DIN-", "PAY-", "RES-", "DEL-", "WEB-"] },
  { text: "Best experience we've had at Larder & Lane so far, and we come often.", fits: ["ARR-", "DIN-", "PAY-", "DEL-", "LOY-"] },
  { text: "Special mention for {topic} – someone clearly cares about getting it right." },
  { text: "Five stars. {topic} was excellent." },
  { text: "Smooth from start to finish." },
  { text: "Big improvement on last time, especially {topic}." },
  { text: "My mum has a nut allergy and everyone took it seriously. Thank you.", fits: ["DIN-DIETARY", "DIN-SERVER", "DIN-FOOD", "DIN-MENU"] },
  { text: "Friendly, quick and no fuss." },
  { text: "Really pleased with {topic}. Small thing but it makes a difference." },
  {
    text: "Took about two minutes. Brilliant.",
    fits: ["RES-", "WEB-", "DEL-APP-MENU", "DEL-CHECKOUT", "LOY-SIGNUP", "LOY-APP-WALLET", "CARE-", "PAY-", "SAL-GIFT-CARDS", "ARR-VALET"],
  },
  {
    text: "The team went out of their way for us when my daughter dropped her plate. Very kind.",
    fits: ["DIN-SERVER", "DIN-FOOD", "ARR-HOST", "DIN-AMBIENCE"],
  },
  { text: "Good value for what you get and {topic} was better than expected." },
  { text: "Loved it. Already recommended you to friends." },
  { text: "For us {topic} was perfect, no complaints at all." },
  { text: "Everything arrived hot and exactly as ordered.", fits: ["DEL-FOOD", "DEL-TIMING", "DEL-PACKAGING", "DEL-COURIER", "DIN-FOOD"] },
  { text: "Very happy." },
  { text: "Our server remembered us from last month, which was a nice touch.", fits: ["DIN-SERVER", "DIN-DRINKS", "ARR-HOST"] },
  { text: "Quick, clear and polite. That's all I ask." },
  { text: "I was dreading {topic} after a bad experience elsewhere but it was genuinely easy." },
  { text: "Thank you to whoever sorted out {topic} – it was faultless." },
  {
    text: "Came for a birthday and left very happy. The dessert with the candle was a lovely surprise.",
    fits: ["DIN-SERVER", "DIN-FOOD", "DIN-AMBIENCE", "LOY-BIRTHDAY", "ARR-HOST"],
  },
  { text: "Impressive, especially {topic}." },
  { text: "Solid as always. This is why we keep coming back." },
  { text: "Simple and well done. Nothing to improve really." },
  { text: "The person I spoke to fixed it on the first go and didn't make me repeat myself.", fits: ["CARE-", "RES-PHONE", "PAY-REFUND"] },
];

export const neutralComments: DemoComment[] = [
  { text: "Fine." },
  { text: "OK." },
  { text: "It was alright. Nothing special." },
  { text: "Overall {topic} was fine, but a bit slower than I'd like." },
  { text: "Decent, not amazing." },
  { text: "No complaints, no wow either." },
  { text: "Average. {topic} could be better." },
  { text: "Did the job." },
  { text: "Mostly good, though {topic} felt a bit hit and miss." },
  { text: "Bit pricey for what it is, but fine." },
  { text: "As expected." },
  { text: "Good food, but {topic} let it down a little.", fits: ["ARR-", "DIN-", "PAY-", "DEL-"] },
  { text: "Pretty standard. Would maybe come back." },
  { text: "It was a busy night so I'll let {topic} go.", fits: ["ARR-", "DIN-", "PAY-", "DEL-", "CARE-"] },
  { text: "Fine overall, just not quite as good as the last visit.", fits: ["ARR-", "DIN-", "PAY-"] },
  { text: "Nothing wrong as such, I just expected a bit more for the price." },
  { text: "Okay. {topic} could be clearer." },
  {
    text: "Reasonable. The app works but it's a few more taps than it needs to be.",
    fits: ["DEL-APP-MENU", "DEL-CHECKOUT", "DEL-TRACKING", "LOY-APP-WALLET", "RES-ONLINE", "WEB-HOME"],
  },
  { text: "Satisfactory." },
  { text: "Not bad. Some things good, some not." },
  { text: "Hard to say, {topic} was fine but I had to ask twice." },
];

export const negativeComments: DemoComment[] = [
  { text: "Disappointed with {topic}." },
  { text: "Poor." },
  { text: "We waited 25 minutes for {topic}. Not acceptable with a booking.", fits: ["ARR-", "DIN-", "PAY-"] },
  { text: "Sorry to say {topic} was a mess tonight." },
  { text: "Fries arrived cold and soggy. Twenty minutes late too.", fits: ["DEL-FOOD", "DEL-TIMING"] },
  { text: "I was charged twice and it took three calls to get it refunded.", fits: ["PAY-REFUND", "PAY-CARD", "CARE-PHONE"] },
  { text: "The app said delivered but it wasn't. Courier was nowhere to be seen.", fits: ["DEL-COURIER", "DEL-NOTIFY", "DEL-TRACKING"] },
  { text: "Had to ask three times about {topic} before anyone did anything." },
  { text: "Booked a table for 7:30 and weren't seated until 8:05.", fits: ["ARR-WAIT", "ARR-HOST", "RES-ONLINE", "RES-PHONE"] },
  { text: "Steak was ordered medium rare and came out well done. Sent it back and the replacement took 20 minutes.", fits: ["DIN-FOOD", "DIN-SERVER"] },
  { text: "Half the order was missing – no sides, no drinks.", fits: ["DEL-FOOD", "DEL-PACKAGING", "PAY-REFUND"] },
  { text: "The rest was fine but {topic} really let the evening down.", fits: ["ARR-", "DIN-", "PAY-", "RES-"] },
  { text: "Nobody checked on us for about half an hour. We had to go to the bar to ask for the bill.", fits: ["DIN-SERVER", "PAY-BILL"] },
  { text: "I only got in touch because of a problem with my order. Shouldn't have needed to.", fits: ["CARE-"] },
  { text: "I only got in touch because the bill had a charge I didn't understand.", fits: ["CARE-"] },
  { text: "I only contacted you because the tracking showed my order stuck at 'preparing' for 40 minutes.", fits: ["CARE-"] },
  { text: "Was on hold for 18 minutes, then got cut off.", fits: ["CARE-PHONE", "RES-PHONE"] },
  { text: "The chatbot kept sending me round in circles. Never got to a real person.", fits: ["CARE-CHAT"] },
  { text: "The valet took over 20 minutes to bring the car back and there was a new scratch on the door.", fits: ["ARR-VALET"] },
  { text: "Too noisy to have a conversation. We were squeezed next to the kitchen door.", fits: ["DIN-AMBIENCE", "ARR-HOST"] },
  { text: "I told the server about my allergy and the dish still came with nuts on it. Worrying.", fits: ["DIN-DIETARY", "DIN-FOOD", "DIN-SERVER"] },
  { text: "Expensive and {topic} wasn't worth it." },
  { text: "Not good enough. {topic} has gone downhill this year." },
  { text: "Was told my refund would take 3 days. It's been two weeks.", fits: ["PAY-REFUND", "CARE-"] },
  { text: "The tracking map showed the driver going the wrong way for 15 minutes and then just froze.", fits: ["DEL-TRACKING"] },
  { text: "Promo code from your own email didn't work at checkout.", fits: ["DEL-CHECKOUT", "MKT-EMAIL-OFFERS"] },
  { text: "Bag was soaked through with sauce by the time it got to us.", fits: ["DEL-PACKAGING", "DEL-COURIER"] },
  { text: "My points from the last two visits never showed up on my statement.", fits: ["LOY-STATEMENT", "LOY-APP-WALLET", "LOY-REDEEM"] },
  { text: "I had to explain the whole thing again every time I was transferred.", fits: ["CARE-"] },
  { text: "The card machine didn't work at our table and we waited ages for another one.", fits: ["PAY-CARD"] },
  { text: "Splitting the bill between four of us took nearly 20 minutes. Ridiculous.", fits: ["PAY-SPLIT"] },
  { text: "The restrooms had no soap and no paper towels.", fits: ["DIN-RESTROOMS"] },
];

export const billingChangeComments: DemoComment[] = [
  { text: "There's a new service charge on the bill that nobody mentioned. Not happy.", fits: ["PAY-", "CARE-"] },
  { text: "Why is there suddenly a 12.5% service charge? We already tipped the server.", fits: ["PAY-", "CARE-"] },
  { text: "I only called because the bill had a charge I didn't understand. Turns out it's a new service charge.", fits: ["CARE-"] },
  { text: "The service charge isn't on the menu anywhere. Felt sneaky.", fits: ["PAY-", "CARE-"] },
  { text: "Ended up paying the service charge and a tip because the card machine still asks for one.", fits: ["PAY-", "CARE-"] },
  { text: "The delivery total was higher than the basket and I couldn't see why until I scrolled down. New 'service fee' apparently.", fits: ["DEL-"] },
  { text: "Bill is confusing now – two different charges at the bottom and the staff couldn't explain either.", fits: ["PAY-", "CARE-"] },
  { text: "Had to ask for the service charge to be removed. The server was fine about it but it was awkward.", fits: ["PAY-"] },
  { text: "My points statement doesn't add up since the bill changed. Do I get points on the service charge or not?", fits: ["LOY-"] },
  { text: "We've been coming for years and this new charge has put us off. Feels like a price rise in disguise.", fits: ["PAY-", "CARE-"] },
  { text: "Spent 20 minutes on chat just to find out what the extra line on my receipt was.", fits: ["CARE-CHAT"] },
  { text: "I don't mind paying for good service, but tell me up front, not on the bill.", fits: ["PAY-", "CARE-"] },
  {
    text: "Checked my bank statement and the amount was more than I expected. It's the new charge. Please make it clearer.",
    fits: ["PAY-", "CARE-", "DEL-", "LOY-"],
  },
];
