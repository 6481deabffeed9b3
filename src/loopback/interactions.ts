import type { APIInteraction, APIInteractionResponse, APIMessage, APIModalInteractionResponseCallbackData } from 'discord-api-types/v10';

/** What the fake remembers about one interaction token. */
export interface InteractionRecord {
  id: string;
  token: string;
  payload: APIInteraction;
  createdAt: number;
  callback: APIInteractionResponse | null;
  /** The message @original points at: the reply, the deferred placeholder or, for 6/7, the clicked message. */
  original: APIMessage | null;
  followUps: APIMessage[];
  /** Snapshots of @original after each edit made through the webhook routes. */
  edits: APIMessage[];
  /** The modal the bot showed in answer (callback type 9), for the member to fill in and submit. */
  modal: APIModalInteractionResponseCallbackData | null;
}

/** A test's view of an interaction it dispatched. */
export interface InteractionHandle {
  readonly id: string;
  readonly token: string;
  readonly payload: APIInteraction;
  /** The bot's callback (type + data). Rejects if none arrived inside the acknowledgement window. */
  readonly response: Promise<APIInteractionResponse>;
  readonly followUps: readonly APIMessage[];
  readonly edits: readonly APIMessage[];
  /** Current state of the message @original refers to, if any. */
  original(): APIMessage | undefined;
  /** The modal the bot answered with (callback type 9), if it did. */
  modal(): APIModalInteractionResponseCallbackData | undefined;
  /** Resolves with @original once it has been edited `count` times in all. */
  waitForEdit(count?: number, timeoutMs?: number): Promise<APIMessage>;
  /** Resolves with the follow-ups once there are at least `count`. */
  waitForFollowUps(count?: number, timeoutMs?: number): Promise<APIMessage[]>;
}

export class InteractionRegistry {
  private readonly records = new Map<string, InteractionRecord>();
  private readonly waiters = new Set<() => void>();
  private readonly timers = new Set<NodeJS.Timeout>();
  private readonly settle = new Map<string, (response: APIInteractionResponse) => void>();

  constructor(private readonly ackWindowMs: number) {}

  byToken(token: string): InteractionRecord | undefined {
    return this.records.get(token);
  }

  all(): InteractionRecord[] {
    return [...this.records.values()];
  }

  /** Every message any interaction token owns; ephemeral messages live only here. */
  findMessage(id: string): APIMessage | undefined {
    for (const record of this.records.values()) {
      if (record.original?.id === id) return record.original;
      const followUp = record.followUps.find((m) => m.id === id);
      if (followUp) return followUp;
    }
    return undefined;
  }

  register(payload: APIInteraction, createdAt: number): InteractionHandle {
    const record: InteractionRecord = { id: payload.id, token: payload.token, payload, createdAt, callback: null, original: null, followUps: [], edits: [], modal: null };
    this.records.set(record.token, record);
    const response = new Promise<APIInteractionResponse>((resolve, reject) => {
      const timer = setTimeout(() => {
        this.timers.delete(timer);
        if (!record.callback) reject(new Error(`The bot did not answer interaction ${record.id} within ${this.ackWindowMs} ms`));
      }, this.ackWindowMs + 50);
      timer.unref();
      this.timers.add(timer);
      this.settle.set(record.token, (body) => {
        clearTimeout(timer);
        this.timers.delete(timer);
        resolve(body);
      });
    });
    // A test that never awaits `response` must not fail with an unhandled rejection.
    response.catch(() => undefined);
    return this.handle(record, response);
  }

  acknowledge(record: InteractionRecord, body: APIInteractionResponse): void {
    record.callback = body;
    this.settle.get(record.token)?.(body);
    this.changed();
  }

  /** Call after any change to a record so waiting handles re-check. */
  changed(): void {
    for (const waiter of [...this.waiters]) waiter();
  }

  close(): void {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers.clear();
  }

  /** Forgets interactions that were answered or ran out of time (see LoopbackDiscord.forgetHistory). */
  forgetSettled(now: number): void {
    for (const [token, record] of this.records) {
      if (!record.callback && now - record.createdAt <= this.ackWindowMs) continue;
      this.records.delete(token);
      this.settle.delete(token);
    }
  }

  private handle(record: InteractionRecord, response: Promise<APIInteractionResponse>): InteractionHandle {
    const until = <T>(check: () => T | undefined, timeoutMs: number, what: string) =>
      new Promise<T>((resolve, reject) => {
        const attempt = () => {
          const value = check();
          if (value === undefined) return;
          this.waiters.delete(attempt);
          clearTimeout(timer);
          resolve(value);
        };
        const timer = setTimeout(() => {
          this.waiters.delete(attempt);
          reject(new Error(`Interaction ${record.id}: ${what} did not happen within ${timeoutMs} ms`));
        }, timeoutMs);
        this.waiters.add(attempt);
        attempt();
      });
    return {
      id: record.id,
      token: record.token,
      payload: record.payload,
      response,
      followUps: record.followUps,
      edits: record.edits,
      original: () => record.original ?? undefined,
      modal: () => record.modal ?? undefined,
      waitForEdit: (count = 1, timeoutMs = 2000) =>
        until(() => (record.edits.length >= count ? (record.original ?? undefined) : undefined), timeoutMs, `edit #${count}`),
      waitForFollowUps: (count = 1, timeoutMs = 2000) =>
        until(() => (record.followUps.length >= count ? [...record.followUps] : undefined), timeoutMs, `${count} follow-up(s)`),
    };
  }
}
