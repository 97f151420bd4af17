/**
 * Tiny stand-ins for the Genesys and Unipile services, used by the core's own
 * tests so protocol behaviour is tested apart from service semantics. They use
 * the real catalogs (so schema validation and tools/list are the real thing)
 * but implement only a handful of tools.
 */
import { GENESYS_CATALOG, UNIPILE_CATALOG } from './catalogs';
import type { ServiceFactory } from './server';
import { NO_CONTENT, UpstreamError, type ServiceModule, type ToolHandler } from './types';

/** A 1×1 transparent PNG: real image bytes for binary-mode tests. */
export const PNG_1X1 = Uint8Array.from(
  Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64'),
);
export const PDF_BYTES = Uint8Array.from(Buffer.from('%PDF-1.4\n%fake attachment\n'));

export interface FakeWorld {
  posted: Array<{ roomJid: string; message: string; by: string }>;
  activity: number;
}

export function fakeGenesys(world: FakeWorld): ServiceFactory {
  return ({ clock }): ServiceModule => {
    const tools: Record<string, ToolHandler> = {
      genesys_chat_get_chats_settings: () => ({ messageRetentionPeriodDays: 365, reactionsEnabled: true }),
      genesys_chat_get_chats_room: (args) => {
        if (String(args.roomJid).startsWith('missing')) {
          throw new UpstreamError(404, { message: `Room ${String(args.roomJid)} not found`, code: 'not.found', status: 404, contextId: 'ctx-1', details: [], errors: [] });
        }
        return { id: args.roomJid, jid: args.roomJid, subject: 'General', dateCreated: new Date(clock.now()).toISOString() };
      },
      genesys_chat_post_chats_room_messages: (args, ctx) => {
        world.posted.push({ roomJid: String(args.roomJid), message: String(args.message), by: ctx.tokenUser });
        if (String(args.message) === 'explode') throw new Error('handler bug');
        if (String(args.message) === 'down') throw new UpstreamError(503, { message: 'Service Unavailable', code: 'service.unavailable', status: 503 });
        return Promise.resolve({ id: `m${world.posted.length}`, body: args.message, pcid: ctx.pcid });
      },
      genesys_chat_delete_chats_room_message: () => NO_CONTENT,
      genesys_chat_get_chats_room_messages: () => ({ entities: [], pageSize: 25 }),
      // An array result: travels in content[0].text only.
      genesys_chat_get_chats_room_participants: () => [{ id: 'u1' }, { id: 'u2' }],
    };
    return {
      path: '/genesys-chat',
      serviceKey: 'genesys',
      catalog: GENESYS_CATALOG,
      tools,
      simulateActivity: () => {
        world.activity++;
      },
      control: (action, params) => {
        if (action === 'post') {
          world.posted.push({ roomJid: String(params.roomJid), message: String(params.message), by: 'other-user' });
          return { ok: true, count: world.posted.length };
        }
        throw new Error(`unknown action '${action}'`);
      },
      stats: () => ({ posted: world.posted.length }),
    };
  };
}

export function fakeUnipile(): ServiceFactory {
  return (): ServiceModule => ({
    path: '/unipile-messaging',
    serviceKey: 'unipile-api',
    catalog: UNIPILE_CATALOG,
    tools: {
      unipile_messaging_list_all_chats: (args) => ({ object: 'ChatList', items: [], cursor: null, limit: args.limit ?? 10 }),
      unipile_messaging_get_attendee_profile_picture: () => ({ kind: 'binary', mimeType: 'image/png', bytes: PNG_1X1 }),
      unipile_messaging_get_message_attachment: () => ({ kind: 'binary', mimeType: 'application/pdf', bytes: PDF_BYTES, fileName: 'report.pdf' }),
      unipile_messaging_get_chat: (args) => {
        throw new UpstreamError(404, { title: 'Resource not found.', detail: `Chat ${String(args.chat_id)} not found`, instance: '', type: 'errors/resource_not_found', status: 404 });
      },
    },
    simulateActivity: () => undefined,
    control: () => ({ ok: true }),
    stats: () => ({ chats: 0 }),
  });
}

export function fakeFactories(world: FakeWorld = { posted: [], activity: 0 }): Record<string, ServiceFactory> {
  return { genesys: fakeGenesys(world), unipile: fakeUnipile() };
}
