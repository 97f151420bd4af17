import { AppError } from '../../../shared/ipc/result';
import { PinkfishError } from '../pinkfish/errors';
import type { McpClient } from '../pinkfish/mcpClient';

/**
 * A pasted PCID is checked before it is stored: one cheap, read-only call through
 * it on the server it is meant for. PinkConnect's list cannot vouch for it (a
 * pasted one is usually not listed), and an unchecked one would show as
 * connected until sync first failed with it.
 *
 * How the Farm says a PCID is unknown, another service's, not connected or not
 * the caller's is not documented (pinkfish-platform.md §2.3, §9.2, §9.8): an
 * `isError` result, an error in `structuredContent`, a JSON-RPC error with or
 * without the upstream body, or a bare HTTP 401/403/404. `judgePcidFailure`
 * reads each of them; a failure that says nothing about the PCID (network,
 * timeout, 5xx, 429, an unreadable reply) is reported as "could not check",
 * never as a wrong PCID.
 */

export type PcidService = 'genesys' | 'unipile';

/** The probe per service: reads nothing the user did not already share and changes nothing. */
export const PCID_PROBES = {
  // Org chat settings always exist, so no 404 here is the resource's own; needs chat:setting:view,
  // and a 403 for that missing permission comes from Genesys itself, through a connection that works.
  genesys: { server: 'genesys-chat', tool: 'genesys_chat_get_chats_settings', args: {} },
  // One chat at most: no account filter that could 404 on its own.
  unipile: { server: 'unipile-messaging', tool: 'unipile_messaging_list_all_chats', args: { limit: 1 } },
} as const;

export type PcidVerdict =
  | 'works'
  | 'not_found'
  | 'wrong_service'
  | 'not_connected'
  | 'not_authorised'
  | 'unreachable'
  | 'timeout'
  | 'unavailable'
  | 'rate_limited'
  | 'unreadable';

/** `text` without `pcid` in it (a PCID too short to be told from ordinary text stays). */
function without(text: string, pcid: string, by: string): string {
  return pcid.length >= 4 ? text.split(pcid).join(by) : text;
}

/** What a failed probe says about the PCID. `pcid` is taken out of the text first: its own characters prove nothing. */
export function judgePcidFailure(err: unknown, service: PcidService, pcid: string): PcidVerdict {
  if (!(err instanceof AppError)) return 'unreadable';
  const status = err instanceof PinkfishError ? err.status : undefined;
  const upstream = err instanceof PinkfishError ? (err.upstreamCode ?? '') : '';
  const text = without(`${upstream} ${err.message}`, pcid, ' ').toLowerCase();
  const aboutConnection = /connection|pcid|pinkconnect|pink connect/.test(text);

  // Nothing was learned about the PCID.
  switch (err.code) {
    case 'network':
    case 'offline':
      return 'unreachable';
    case 'timeout':
      return 'timeout';
    case 'rate_limited':
      return 'rate_limited';
    case 'unavailable':
    case 'cancelled':
      return 'unavailable';
  }

  if (aboutConnection && /wrong.?service|another service|different service|other service/.test(text)) return 'wrong_service';
  // Neither probe can 404 on its own resource: a 404 is the PCID's.
  if (err.code === 'not_found' || status === 404 || status === 410) return 'not_found';
  if (aboutConnection && /not.?found|unknown|does not exist|no such|invalid/.test(text)) return 'not_found';
  if (err.code === 'invalid_input' && /^pcid$/i.test(err.field ?? '')) return 'not_found';
  if (aboutConnection && /not.?connected|disconnected|expired|revoked|reconnect/.test(text)) return 'not_connected';
  if (err.code === 'auth' || err.code === 'forbidden') {
    // Genesys answered as the connection's user, who only lacks the settings permission: the PCID works.
    if (service === 'genesys' && !aboutConnection && /^missing\.(any\.)?permissions$/.test(upstream)) return 'works';
    return 'not_authorised';
  }
  return 'unreadable';
}

const LABEL: Record<PcidService, string> = { genesys: 'Genesys', unipile: 'Unipile' };
const PRODUCT: Record<PcidService, string> = { genesys: 'Genesys Cloud', unipile: 'Unipile' };

/**
 * The field error for a verdict: which one (by service, never its value) and why. Said as "connection id",
 * not "PCID": no reply of the backend names one (live.test.ts scans every reply for the word).
 */
export function pcidError(verdict: Exclude<PcidVerdict, 'works'>, service: PcidService, info: { host: string; retryAfter?: number }): AppError {
  const label = LABEL[service];
  const product = PRODUCT[service];
  const field = { field: service };
  const unchecked = `Could not check the connection id pasted for ${label}`;
  switch (verdict) {
    case 'not_found':
      return new AppError('not_found', `PinkConnect has no connection with the id pasted for ${label}. Check that it was copied whole, or pick a listed connection.`, field);
    case 'wrong_service':
      return new AppError('invalid_input', `The connection id pasted for ${label} belongs to another service, not ${product}. Paste the id of a ${product} connection.`, field);
    case 'not_connected':
      return new AppError('forbidden', `The connection pasted for ${label} is not connected in PinkConnect. Reconnect it in Pinkfish, then try again.`, field);
    case 'not_authorised':
      return new AppError(
        'forbidden',
        `Pinkfish did not let these credentials use the connection pasted for ${label}: it may belong to another user or organisation, or its ${product} sign-in may have lapsed. Check the id, or pick a listed connection.`,
        field,
      );
    case 'unreachable':
      return new AppError('network', `${unchecked}: Pinkfish (${info.host}) cannot be reached. Nothing was saved, and the id may well be right; check the network, then try again.`, field);
    case 'timeout':
      return new AppError('timeout', `${unchecked}: Pinkfish (${info.host}) did not answer in time. Nothing was saved; try again in a moment.`, field);
    case 'unavailable':
      return new AppError('unavailable', `${unchecked}: ${product} or Pinkfish is unavailable right now. Nothing was saved; try again in a moment.`, field);
    case 'rate_limited': {
      const wait = info.retryAfter !== undefined ? `try again in ${Math.max(1, Math.ceil(info.retryAfter))} s` : 'try again in a minute';
      return new AppError('rate_limited', `${unchecked}: Pinkfish is limiting requests right now. Nothing was saved; ${wait}.`, info.retryAfter !== undefined ? { ...field, retryAfter: info.retryAfter } : field);
    }
    case 'unreadable':
      return new AppError('protocol', `${unchecked}: Pinkfish's answer could not be read. Nothing was saved; try again, or pick a listed connection.`, field);
  }
}

export interface PcidCheckOptions {
  client: McpClient;
  /** Host of the Farm, for "cannot be reached" (never a URL with anything in it). */
  host: string;
  timeoutMs?: number;
  /** Unexpected answers (verdict `unreadable`), already free of the PCID and credentials. */
  log?: (message: string, err: unknown) => void;
}

/** Null when the PCID works for `service`; else the field error to refuse it with. */
export async function checkPcid(service: PcidService, pcid: string, options: PcidCheckOptions): Promise<AppError | null> {
  const probe = PCID_PROBES[service];
  try {
    await options.client.callTool(probe.server, probe.tool, { ...probe.args, PCID: pcid }, { priority: 'user', timeoutMs: options.timeoutMs ?? 15_000 });
    return null;
  } catch (err) {
    const verdict = judgePcidFailure(err, service, pcid);
    if (verdict === 'works') return null;
    if (verdict === 'unreadable') options.log?.(`A connection id pasted for ${LABEL[service]} could not be checked`, err instanceof AppError ? new AppError(err.code, without(err.message, pcid, '[redacted]').replace(/\bPCIDs?\b/g, 'connection id')) : 'not an AppError');
    const retryAfter = err instanceof AppError ? err.retryAfter : undefined;
    return pcidError(verdict, service, retryAfter !== undefined ? { host: options.host, retryAfter } : { host: options.host });
  }
}
