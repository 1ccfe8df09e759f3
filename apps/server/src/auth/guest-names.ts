/**
 * Writes of guests' chosen names, at most one per person per `windowMs`. A guest's name is what the join asks for
 * (Gate.guestName), so a client that joins again and again, each time under another name, would write a row — and
 * wait for a commit's flush to disk — per join, beside the plans' appends. The first change of a window is written
 * at once; the changes after it within the window are held and the last of them written when it ends, once.
 * Whoever asked gets the name they asked for at once (presence and new events carry it); only the stored row lags,
 * by at most one window.
 */
export class GuestNames {
  private readonly people = new Map<string, { at: number; held: string | null; timer: ReturnType<typeof setTimeout> | null }>();

  constructor(
    private readonly write: (personId: string, name: string) => Promise<void>,
    private readonly log: (msg: string) => void,
    private readonly windowMs = 10_000,
    private readonly now: () => number = Date.now,
  ) {}

  /** Stores `name` as the person's name: now, or at the end of the person's window (the last name asked wins). */
  async rename(personId: string, name: string): Promise<void> {
    const now = this.now();
    const p = this.people.get(personId);
    if (!p || now - p.at >= this.windowMs) {
      this.forget(now);
      this.people.set(personId, { at: now, held: null, timer: null });
      await this.write(personId, name);
      return;
    }
    p.held = name;
    p.timer ??= setTimeout(
      () => {
        p.timer = null;
        const held = p.held;
        p.held = null;
        p.at = this.now();
        if (held !== null) this.write(personId, held).catch((err: unknown) => this.log(`a guest's name was not stored: ${String(err)}`));
      },
      p.at + this.windowMs - now,
    );
    p.timer.unref?.();
  }

  /** Drops a held name: the person chose one by other means since (renamed themselves, claimed an invite). */
  drop(personId: string): void {
    const p = this.people.get(personId);
    if (p) p.held = null;
  }

  /** Lets go of the people whose window has ended with nothing held (bounds the map by recent renamers). */
  private forget(now: number): void {
    if (this.people.size < 1000) return;
    for (const [id, p] of this.people) if (!p.timer && now - p.at >= this.windowMs) this.people.delete(id);
  }
}
