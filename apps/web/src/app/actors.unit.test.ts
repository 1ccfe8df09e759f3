import type { Presence } from '@seatfold/sync';
import { describe, expect, it } from 'vitest';
import { actorKey, NameBook, peopleOnline } from './actors.ts';

const tab = (clientId: string, actorId: string | null, userName: string, role: Presence['role'] = 'organise'): Presence => ({
  clientId,
  actorId,
  userName,
  role,
});

describe('people online', () => {
  it('lists a person once however many tabs, and two people of the same name twice, told apart', () => {
    const online = [
      tab('t1', 'ann', 'Ann'),
      tab('t2', 'alex-1', 'Alex'),
      tab('t3', 'ann', 'Ann', 'review'),
      tab('t4', 'alex-2', 'Alex', 'review'),
      tab('t5', 'me', 'Me'),
    ];
    const people = peopleOnline(online, { you: { id: 'me', name: 'Me' }, clientId: 'mine' });
    expect(people.map((p) => [p.label, p.role, p.tabs])).toEqual([
      ['Ann', 'organise', 2],
      ['Alex (1)', 'organise', 1],
      ['Alex (2)', 'review', 1],
    ]);
  });

  it('leaves out my own tabs, also before the server said who I am', () => {
    expect(peopleOnline([tab('mine', 'me', 'Me'), tab('other', 'me', 'Me')], { you: { id: 'me', name: 'Me' }, clientId: 'mine' })).toEqual([]);
    expect(peopleOnline([tab('mine', 'me', 'Me')], { you: null, clientId: 'mine' })).toEqual([]);
  });
});

describe('names of actors', () => {
  it('shows an id under its newest name; a legacy change keeps the name it was recorded with', () => {
    const book = new NameBook();
    expect(book.learn('p1', 'Alex')).toBe(false);
    expect(book.learn('p1', 'Alex')).toBe(false);
    expect(book.nameOf({ actor: 'Alex', actorId: 'p1' })).toBe('Alex');
    expect(book.learn('p1', 'Alex Brandt')).toBe(true);
    expect(book.nameOf({ actor: 'Alex', actorId: 'p1' })).toBe('Alex Brandt');
    expect(book.nameOf({ actor: 'Alex', actorId: 'p2' })).toBe('Alex');
    expect(book.learn(null, 'Alex Brandt')).toBe(false);
    expect(book.nameOf({ actor: 'Alex', actorId: null })).toBe('Alex');
  });

  it('keys a change by id, and a legacy one by its name', () => {
    expect(actorKey({ actor: 'Alex', actorId: 'p1' })).not.toBe(actorKey({ actor: 'Alex', actorId: 'p2' }));
    expect(actorKey({ actor: 'Alex', actorId: null })).toBe(actorKey({ actor: 'Alex', actorId: null }));
    expect(actorKey({ actor: 'p1', actorId: null })).not.toBe(actorKey({ actor: 'x', actorId: 'p1' }));
  });
});
