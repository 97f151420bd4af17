import type { Rng } from '../core/types';
import { EMOJI, ROOM_SUBJECTS, textsFor, type Lang } from './corpus';
import type { Conversation, MessageRecord } from './model';
import type { ChatOperations } from './operations';
import { ME, type GenesysStore } from './store';

/** How far back the world looks for something to reply to, react to or edit. */
const RECENT = 20;

/**
 * One world event: someone other than the caller posts, replies in a thread,
 * reacts, edits their own message, writes in a 1:1 or opens a room with the caller.
 * Everything happens where the caller can see it, so a client notices.
 */
export function simulateActivity(store: GenesysStore, ops: ChatOperations, rng: Rng): void {
  const rooms = [...store.rooms.values()].filter((r) => r.members.has(ME) && r.members.size > 1);
  const say = (lang: Lang) => {
    const texts = textsFor(rng.next() < 0.7 ? lang : 'en');
    return rng.pick(texts);
  };
  const someoneIn = (conv: Conversation): number => (conv.kind === 'room' ? rng.pick([...conv.members].filter((m) => m !== ME)) : conv.other);
  const recent = (conv: Conversation, accept: (m: MessageRecord) => boolean): MessageRecord | undefined => {
    const found: MessageRecord[] = [];
    for (let i = store.length(conv) - 1; i >= 0 && i >= store.length(conv) - RECENT; i--) {
      const m = store.messageAt(store.at(conv, i))!;
      if (!m.deleted && accept(m)) found.push(m);
    }
    return found.length > 0 ? rng.pick(found) : undefined;
  };
  const anyConversation = (): Conversation | undefined => {
    const all: Conversation[] = [...rooms, ...store.oneOnOnes.values()];
    return all.length > 0 ? rng.pick(all) : undefined;
  };
  const postInRoom = () => {
    if (rooms.length === 0) return directMessage();
    const room = rng.pick(rooms);
    const author = someoneIn(room);
    const mention = rng.next() < 0.1;
    const body = say(room.lang);
    ops.post(room, author, mention ? `@${store.me.name} ${body}` : body, mention ? [store.me.id] : undefined);
  };
  const directMessage = () => {
    const existing = [...store.oneOnOnes.values()];
    const other = existing.length > 0 && rng.next() < 0.9 ? rng.pick(existing).other : rng.int(1, store.people.length - 1);
    ops.post(store.findOneOnOne(other), other, say(store.people[other]!.lang), undefined, undefined, ops.oneOnOneFactory(other, store.me.id));
  };
  const reply = () => {
    const conv = anyConversation();
    const root = conv && recent(conv, (m) => m.root === m.n);
    if (!conv || !root) return postInRoom();
    ops.post(conv, someoneIn(conv), say(conv.lang), undefined, store.ids.encode(root.n));
  };
  const react = () => {
    const conv = anyConversation();
    const target = conv && recent(conv, () => true);
    if (!conv || !target || !store.orgSettings.reactionsEnabled) return postInRoom();
    ops.addReaction(someoneIn(conv), store.ids.encode(target.n), rng.pick(EMOJI));
  };
  const edit = () => {
    const conv = anyConversation();
    const own = conv && recent(conv, (m) => m.author !== ME && store.canSee(m.author, m.conv));
    if (!conv || !own) return postInRoom();
    ops.edit(conv, own.author, store.ids.encode(own.n), `${own.body} ✏️`, own.mentions.map((p) => store.people[p]!.id));
  };
  const createRoom = () => {
    const creator = rng.int(1, store.people.length - 1);
    const invited = new Set([store.me.id]);
    for (let k = rng.int(1, 4); k > 0; k--) invited.add(store.people[rng.int(1, store.people.length - 1)]!.id);
    invited.delete(store.people[creator]!.id);
    const [subject, description] = rng.pick(ROOM_SUBJECTS);
    const room = ops.createRoom(creator, `${subject} (${new Date(store.clock.now()).toISOString().slice(0, 10)})`, description, [...invited]);
    ops.post(room, creator, say(store.people[creator]!.lang));
  };

  const roll = rng.next();
  if (roll < 0.4) postInRoom();
  else if (roll < 0.55) reply();
  else if (roll < 0.7) react();
  else if (roll < 0.78) edit();
  else if (roll < 0.96) directMessage();
  else createRoom();
}
