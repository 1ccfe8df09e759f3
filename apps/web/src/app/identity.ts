/** Where this browser keeps the planner's name (every tab reads it; a change in one reaches the others: listeners.ts). */
export const NAME_KEY = 'seatfold:userName';

/** One id per tab (per page load): presence tells my own connection apart from my other tabs. */
export const clientId: string = crypto.randomUUID();

/** A name generated in this page when storage could not keep it: every caller of the page gets the same one. */
let generated: string | null = null;

export function loadUserName(): string {
  try {
    const saved = localStorage.getItem(NAME_KEY)?.trim();
    if (saved) return saved.slice(0, 80);
  } catch {
    // storage disabled: fall through to a generated name
  }
  // Neutral: the same page serves organisers and reviewers ("Organiser 1234" read wrong on a review link).
  generated ??= `Planner ${1000 + Math.floor(Math.random() * 9000)}`;
  saveUserName(generated);
  return generated;
}

/** A name this page made up (now, or as "Organiser 1234" before): forms ask for a real one instead of offering it. */
export function isGeneratedName(name: string): boolean {
  return /^(Planner|Organiser) \d{4}$/.test(name);
}

export function saveUserName(name: string): void {
  try {
    localStorage.setItem(NAME_KEY, name);
  } catch {
    // not persisted; the name still applies to this tab
  }
}
