/**
 * Turns at something costly the server does a few at a time (files in worker threads, import previews on the shared
 * thread): at once while a place is free, else in line, first come first served; each owner (a client address)
 * holds at most one place or place in line. Refusing whoever found every place taken let a few addresses asking in
 * a loop turn everybody else away (a probe: 0 exports of 14); in line, they only go first.
 */
export class Busy extends Error {}

export class Turns {
  private running = 0;
  private readonly line: (() => void)[] = [];
  private readonly owners = new Set<string>();

  constructor(
    private readonly limits: { atOnce: number; waiting: number; waitMs: number },
    private readonly words: { yours: string; full: string },
  ) {}

  /** Waits for a place; resolves with what gives it back (call it once, when done). Refused with Busy in words. */
  async take(owner?: string): Promise<() => void> {
    if (owner !== undefined && this.owners.has(owner)) throw new Busy(this.words.yours);
    if (owner !== undefined) this.owners.add(owner);
    try {
      await this.place();
    } catch (err) {
      if (owner !== undefined) this.owners.delete(owner);
      throw err;
    }
    let given = false;
    return () => {
      if (given) return;
      given = true;
      if (owner !== undefined) this.owners.delete(owner);
      const next = this.line.shift();
      if (next) next();
      else this.running--;
    };
  }

  private place(): Promise<void> {
    if (this.running < this.limits.atOnce) {
      this.running++;
      return Promise.resolve();
    }
    if (this.line.length >= this.limits.waiting) return Promise.reject(new Busy(this.words.full));
    return new Promise<void>((resolve, reject) => {
      const go = () => {
        clearTimeout(timer);
        resolve();
      };
      const timer = setTimeout(() => {
        this.line.splice(this.line.indexOf(go), 1);
        reject(new Busy(this.words.full));
      }, this.limits.waitMs);
      this.line.push(go);
    });
  }
}
