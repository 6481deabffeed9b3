export interface GatewayFrame {
  direction: 'in' | 'out';
  /** The shard of the session the frame belongs to (null before IDENTIFY or RESUME). */
  shard: number | null;
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
  at: number;
}

/** The gateway's frames as they pass, and waiting for one. */
export class FrameLog {
  readonly frames: GatewayFrame[] = [];
  private readonly listeners = new Set<() => void>();

  record(frame: GatewayFrame): void {
    this.frames.push(frame);
    for (const listener of [...this.listeners]) listener();
  }

  clear(): void {
    this.frames.length = 0;
  }

  /** Resolves at the next frame (or one already seen) matching `predicate`. */
  waitFor(predicate: (frame: GatewayFrame) => boolean, timeoutMs: number): Promise<GatewayFrame> {
    return new Promise((resolve, reject) => {
      const check = () => {
        const frame = this.frames.find(predicate);
        if (!frame) return false;
        this.listeners.delete(check);
        clearTimeout(timer);
        resolve(frame);
        return true;
      };
      const timer = setTimeout(() => {
        this.listeners.delete(check);
        reject(new Error(`No gateway frame matched within ${timeoutMs} ms`));
      }, timeoutMs);
      if (!check()) this.listeners.add(check);
    });
  }
}
