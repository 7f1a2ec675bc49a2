// What this process learns of committed changes without asking the database: one LISTEN connection per client
// for the channels migration 0022 notifies on at commit, and the commits the process itself makes through its clients.
import postgres from "postgres";
import type { Queryable } from "./client";

/** Every committed statement noted in data_changes (the dashboards' data version). */
export const DATA_CHANGES_CHANNEL = "throughline_data_changes";
/** Any change to an API token but its last use: a revocation above all. */
export const API_TOKENS_CHANNEL = "throughline_api_tokens";
export type ChangeChannel = typeof DATA_CHANGES_CHANNEL | typeof API_TOKENS_CHANNEL;
const CHANNELS: ChangeChannel[] = [DATA_CHANGES_CHANNEL, API_TOKENS_CHANNEL];

/**
 * How long a value read under a stamp may be kept even when nothing was heard: a connection that died without
 * closing (a cable, a NAT) delivers no notification and no close until TCP keep-alive notices, so staleness stays
 * bounded by this.
 */
export const KEEP_AT_MOST_MS = 30_000;
const RETRY_FIRST_MS = 100;
const RETRY_AT_MOST_MS = 10_000;

export interface ChangeFeed {
  /** True while the LISTEN connection is up: only then may a value read earlier be kept. */
  readonly listening: boolean;
  /** Moves at every notification on the channel, every commit this process makes, and when listening starts or stops. */
  epoch(channel: ChangeChannel): number;
  /** Resolves at the next move of the channel's epoch (tests wait on it instead of sleeping). */
  nextChange(channel: ChangeChannel): Promise<void>;
  /** Resolves once the feed listens. */
  whenListening(): Promise<void>;
}

interface Feed extends ChangeFeed {
  moved(channel?: ChangeChannel): void;
  close(): Promise<void>;
}

interface FeedRegistry {
  starters: WeakMap<postgres.Sql, () => Feed>;
  feeds: WeakMap<postgres.Sql, Feed>;
  openFeeds: Set<Feed>;
}
// On globalThis, like the app's connection (server/database.ts): route bundles that each load this module share them.
const globalFeeds = globalThis as typeof globalThis & { __throughlineChangeFeeds?: FeedRegistry };
const { starters, feeds, openFeeds } = (globalFeeds.__throughlineChangeFeeds ??= { starters: new WeakMap(), feeds: new WeakMap(), openFeeds: new Set() });

/**
 * Commits made through `client` move every feed before the writer's await returns, so a change made in this process
 * is never answered from what was kept before it, even ahead of its notification. Drizzle sends a transaction through
 * `begin` and any other statement through `unsafe`; statements that only read are left alone.
 */
export function watchCommits(client: postgres.Sql): void {
  const { begin, unsafe } = client;
  client.begin = ((...args: Parameters<typeof begin>) => {
    const transaction = begin.apply(client, args);
    transaction.then(noteLocalCommit, noteLocalCommit);
    return transaction;
  }) as typeof begin;
  client.unsafe = ((text: string, ...rest: unknown[]) => {
    const query = (unsafe as (...args: unknown[]) => postgres.PendingQuery<postgres.Row[]>).call(client, text, ...rest);
    if (mayWrite(text)) query.then(noteLocalCommit, noteLocalCommit);
    return query;
  }) as typeof unsafe;
}

function mayWrite(text: string): boolean {
  if (/^\s*select\b/i.test(text)) return false;
  // COPY streams are driven by their caller (db/copy.ts, inside a transaction that `begin` already watches).
  if (/^\s*copy\b/i.test(text)) return false;
  return !/^\s*with\b/i.test(text) || /\b(insert|update|delete|merge)\b/i.test(text);
}

function noteLocalCommit(): void {
  for (const feed of openFeeds) feed.moved();
}

/** Lets `changeFeed` open a feed for `client` (on the same server) the first time one is asked for. */
export function offerChangeFeed(client: postgres.Sql, url: string): void {
  starters.set(client, () => openChangeFeed(url));
}

/** The client's feed, opened on first use; none for a transaction or a client made elsewhere. */
export function changeFeed(db: Queryable): ChangeFeed | undefined {
  const client = (db as { $client?: postgres.Sql }).$client;
  if (!client) return undefined;
  let feed = feeds.get(client);
  if (!feed) {
    const start = starters.get(client);
    if (!start) return undefined;
    feeds.set(client, (feed = start()));
  }
  return feed;
}

export async function closeChangeFeed(client: postgres.Sql): Promise<void> {
  const feed = feeds.get(client);
  feeds.delete(client);
  starters.delete(client);
  await feed?.close();
}

/** The moment a value is read: keep it only while `isCurrent` holds. None while the feed is not listening. */
export interface ChangeStamp {
  feed: ChangeFeed;
  channel: ChangeChannel;
  epoch: number;
  at: number;
}

export function changeStamp(db: Queryable, channel: ChangeChannel): ChangeStamp | undefined {
  const feed = changeFeed(db);
  return feed?.listening ? { feed, channel, epoch: feed.epoch(channel), at: performance.now() } : undefined;
}

export function isCurrent(stamp: ChangeStamp): boolean {
  return stamp.feed.listening && stamp.feed.epoch(stamp.channel) === stamp.epoch && performance.now() - stamp.at < KEEP_AT_MOST_MS;
}

/**
 * A connection of its own (not postgres.js's `listen`, which says nothing when its connection drops: the feed
 * must know at once when to stop trusting what it keeps). Re-listens after every loss, with a growing pause when
 * LISTEN itself fails (a hot-standby replica refuses it: the feed then never listens and readers ask each time).
 */
function openChangeFeed(url: string): Feed {
  const epochs = new Map<ChangeChannel, number>(CHANNELS.map((channel) => [channel, 0]));
  const waiters = new Map<ChangeChannel, Array<() => void>>(CHANNELS.map((channel) => [channel, []]));
  let listening = false;
  const startedListening: Array<() => void> = [];
  let closed = false;
  let lost: () => void = () => {};
  let pause: { timer: NodeJS.Timeout; resolve: () => void } | undefined;

  const client = postgres(url, {
    max: 1,
    max_lifetime: null,
    fetch_types: false,
    connect_timeout: 5,
    onnotice: () => {},
    connection: { application_name: "throughline listener" },
    onclose: () => lost(),
    // postgres.js's own hook for NotificationResponse (what its `listen` is built on).
    ...({ onnotify: (channel: string) => CHANNELS.includes(channel as ChangeChannel) && feed.moved(channel as ChangeChannel) } as object),
  });

  const feed: Feed = {
    get listening() {
      return listening;
    },
    epoch: (channel) => epochs.get(channel)!,
    nextChange: (channel) => new Promise((resolve) => waiters.get(channel)!.push(resolve)),
    whenListening: () => (listening ? Promise.resolve() : new Promise((resolve) => startedListening.push(resolve))),
    moved(channel) {
      for (const moving of channel ? [channel] : CHANNELS) {
        epochs.set(moving, epochs.get(moving)! + 1);
        const waiting = waiters.get(moving)!;
        waiters.set(moving, []);
        for (const resolve of waiting) resolve();
      }
    },
    async close() {
      closed = true;
      openFeeds.delete(feed);
      if (pause) {
        clearTimeout(pause.timer);
        pause.resolve();
      }
      lost();
      await client.end({ timeout: 0 });
    },
  };

  const setListening = (now: boolean) => {
    listening = now;
    feed.moved();
    if (now) for (const resolve of startedListening.splice(0)) resolve();
  };

  const wait = (ms: number) =>
    new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, ms);
      timer.unref();
      pause = { timer, resolve };
    });

  async function run() {
    let retryMs = RETRY_FIRST_MS;
    while (!closed) {
      const dropped = new Promise<void>((resolve) => (lost = resolve));
      try {
        await client.unsafe(CHANNELS.map((channel) => `listen ${channel}`).join("; "));
      } catch {
        if (closed) break;
        await wait(retryMs);
        retryMs = Math.min(retryMs * 2, RETRY_AT_MOST_MS);
        continue;
      }
      if (closed) break;
      retryMs = RETRY_FIRST_MS;
      setListening(true);
      await dropped;
      setListening(false);
    }
  }

  openFeeds.add(feed);
  void run();
  return feed;
}
