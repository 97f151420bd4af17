import type { Person } from './model';
import type { ChatOperations } from './operations';
import { ALL_PERMISSIONS, ME, type GenesysStore } from './store';

/**
 * Control actions (`/__control/act` with service "genesys"): act as other people,
 * and read the directory the real API cannot list. Bad parameters throw RangeError
 * (HTTP 400 on the control route); a rule the real service would enforce (membership,
 * authorship, limits) throws its Genesys UpstreamError.
 */
export function createControl(store: GenesysStore, ops: ChatOperations): (action: string, params: Record<string, unknown>) => unknown {
  const text = (params: Record<string, unknown>, key: string): string => {
    const value = params[key];
    if (typeof value !== 'string' || value === '') throw new RangeError(`genesys control: '${key}' must be a non-empty string`);
    return value;
  };
  const optional = (params: Record<string, unknown>, key: string): string | undefined => (params[key] === undefined ? undefined : text(params, key));
  const person = (id: string, key: string): Person => {
    const p = store.personById(id);
    if (!p) throw new RangeError(`genesys control: ${key} '${id}' is not a user of the org`);
    return p;
  };
  const message = (id: string) => {
    const m = store.live(id);
    if (!m) throw new RangeError(`genesys control: no message '${id}'`);
    return m;
  };
  const describe = (p: Person) => ({ id: p.id, name: p.name, jid: p.jid });

  const actions: Record<string, (params: Record<string, unknown>) => unknown> = {
    me: () => ({ userId: store.me.id, jid: store.me.jid, name: store.me.name }),
    people: () => store.people.map(describe),
    rooms: () =>
      [...store.rooms.values()].map((r) => ({
        jid: r.jid,
        subject: r.subject,
        participants: r.members.size,
        isMember: r.members.has(ME),
        isOwner: r.owners.has(ME),
        messages: store.liveCount(r),
      })),
    oneOnOnes: () => [...store.oneOnOnes.values()].map((c) => ({ ...describe(store.people[c.other]!), messages: store.liveCount(c) })),

    post: (params) => {
      const roomJid = optional(params, 'roomJid');
      const userId = optional(params, 'userId');
      if ((roomJid === undefined) === (userId === undefined)) throw new RangeError('genesys control post: give exactly one of roomJid or userId');
      const body = text(params, 'text');
      const fromId = optional(params, 'fromUserId');
      if (roomJid !== undefined) {
        const room = store.room(roomJid);
        if (!room) throw new RangeError(`genesys control post: no room '${roomJid}'`);
        const from = fromId !== undefined ? person(fromId, 'fromUserId').idx : [...room.members].find((m) => m !== ME);
        if (from === undefined) throw new RangeError('genesys control post: the room has no member other than me; give fromUserId');
        const m = ops.post(room, from, body, params.mentions, params.threadId);
        return { id: store.ids.encode(m.n) };
      }
      // A 1:1 is always with me: the other side writes unless fromUserId says me.
      const other = person(userId!, 'userId');
      if (other.idx === ME) throw new RangeError('genesys control post: userId names the other side of a 1:1 with me, not me');
      const from = fromId !== undefined ? person(fromId, 'fromUserId').idx : other.idx;
      if (from !== ME && from !== other.idx) throw new RangeError('genesys control post: fromUserId must be userId or me');
      const partner = from === ME ? other.id : store.me.id;
      const m = ops.post(store.findOneOnOne(other.idx), from, body, params.mentions, params.threadId, ops.oneOnOneFactory(from, partner));
      return { id: store.ids.encode(m.n) };
    },

    react: (params) => {
      const m = message(text(params, 'messageId'));
      ops.addReaction(person(text(params, 'fromUserId'), 'fromUserId').idx, store.ids.encode(m.n), text(params, 'emoji'));
      return { ok: true };
    },

    edit: (params) => {
      const m = message(text(params, 'messageId'));
      ops.edit(m.conv, m.author, store.ids.encode(m.n), text(params, 'text'), params.mentions);
      return { id: store.ids.encode(m.n) };
    },

    delete: (params) => {
      const m = message(text(params, 'messageId'));
      ops.remove(m.conv, m.author, store.ids.encode(m.n));
      return { ok: true };
    },

    createRoom: (params) => {
      const from = person(text(params, 'fromUserId'), 'fromUserId');
      const userIds = params.userIds === undefined ? [store.me.id] : params.userIds;
      if (!Array.isArray(userIds)) throw new RangeError('genesys control createRoom: userIds must be an array of user ids');
      const room = ops.createRoom(from.idx, text(params, 'subject'), params.description, userIds);
      return { jid: room.jid };
    },

    join: (params) => {
      const room = store.room(text(params, 'roomJid'));
      if (!room) throw new RangeError(`genesys control join: no room '${String(params.roomJid)}'`);
      const who = person(text(params, 'userId'), 'userId');
      ops.join(room, who.idx, who.id);
      return { ok: true };
    },

    permissions: (params) => {
      if (params.reset === true) for (const p of ALL_PERMISSIONS) store.permissions.add(p);
      for (const [key, apply] of [['revoke', (p: string) => store.permissions.delete(p)], ['grant', (p: string) => store.permissions.add(p)]] as const) {
        const list = params[key];
        if (list === undefined) continue;
        if (!Array.isArray(list) || list.some((p) => typeof p !== 'string')) throw new RangeError(`genesys control permissions: ${key} must be an array of permission names`);
        for (const p of list as string[]) apply(p);
      }
      return { permissions: [...store.permissions].sort() };
    },
  };

  return (action, params) => {
    const run = actions[action];
    if (!run) throw new RangeError(`genesys control: unknown action '${action}' (known: ${Object.keys(actions).join(', ')})`);
    return run(params ?? {});
  };
}
