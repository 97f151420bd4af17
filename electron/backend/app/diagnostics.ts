import type { Diagnostics, Handlers } from '../../../shared/ipc/contract';
import { AppError } from '../../../shared/ipc/result';
import { listConnections, type Connection } from '../pinkfish/connections';
import { runProbes, type ProbeReport } from '../pinkfish/probe';
import type { Pcids } from '../vault/vault';
import genesysCatalog from '../../../shared/catalog/genesys-chat.tools.json';
import unipileCatalog from '../../../shared/catalog/unipile-messaging.tools.json';
import { serviceOf } from './accounts';
import type { AppContext } from './context';
import { redact } from './secrets';

/**
 * `diagnostics:run`: is the token good and for how long, which PinkConnect
 * connections exist and which are in use (by name), how each MCP server's live
 * tool list differs from the bundled catalog, and the platform probes'
 * observations (pinkfish/probe.ts). Everything, the copyable `text` included,
 * is built without a secret and then scrubbed of every secret the backend
 * holds (credentials, token, PCIDs), so a report can be pasted into an issue.
 */

const CATALOGS = { 'genesys-chat': genesysCatalog.tools.length, 'unipile-messaging': unipileCatalog.tools.length } as const;
const describe = (err: unknown) => (err instanceof AppError ? `${err.code}: ${err.message}` : 'internal error (see the log)');

function probeAnswers(r: ProbeReport): Array<{ question: string; answer: string }> {
  const out: Array<{ question: string; answer: string }> = [];
  const add = (question: string, answer: string | number | boolean | undefined) => {
    // "PCID" names the concept only, but a report should not even suggest one is in it.
    const plain = (t: string) => t.replace(/\bPCIDs?\b/g, 'connection id');
    if (answer !== undefined) out.push({ question: plain(question), answer: plain(String(answer)) });
  };
  add('Token exchange', r.token.ok ? `ok${r.token.exchangeMs !== undefined ? ` in ${r.token.exchangeMs} ms` : ''}` : `failed: ${r.token.error ?? 'unknown'}`);
  if (r.handshake) {
    add('MCP initialize', `${r.handshake.initialize}${r.handshake.protocolVersion ? ` (protocol ${r.handshake.protocolVersion})` : ''}`);
    add('Mcp-Session-Id header', r.handshake.sessionIdHeader ? 'sent' : 'not sent');
    add('notifications/initialized status', r.handshake.initializedNotification);
    add('GET on an MCP path', r.handshake.getStream);
  }
  if (r.connections) {
    add('PinkConnect auth header', r.connections.header);
    add('Connection fields', r.connections.fields.join(', '));
    add('Service keys', r.connections.serviceKeys.join(', '));
    if (r.connections.lightFields) add('Connection fields (format=light)', r.connections.lightFields.join(', '));
    add('PinkConnect status for a bad token', r.connections.badTokenStatus);
  }
  for (const [label, form] of Object.entries(r.errorForms ?? {})) add(`Error form: ${label}`, form);
  add('MCP status for a bad token', r.badTokenOnMcp);
  for (const [label, form] of Object.entries(r.binaryForms ?? {})) add(`Binary form: ${label}`, form);
  for (const note of r.notes) add('Note', note);
  return out;
}

function servers(r: ProbeReport | null, error: string | null): Diagnostics['servers'] {
  return (Object.keys(CATALOGS) as Array<keyof typeof CATALOGS>).map((server) => {
    const catalogTools = CATALOGS[server];
    const d = r?.drift?.[server];
    if (!d) return { server, ok: false, liveTools: 0, catalogTools, missing: [], added: [], changed: [], error: error ?? 'Not checked: the token exchange failed.' };
    if ('error' in d) return { server, ok: false, liveTools: 0, catalogTools, missing: [], added: [], changed: [], error: d.error };
    return {
      server,
      ok: d.removed.length === 0,
      liveTools: Math.max(0, catalogTools - d.removed.length + d.added.length),
      catalogTools,
      missing: d.removed,
      added: d.added,
      changed: d.changed.map((c) => `${c.name} (${c.changes.join(', ')})`),
    };
  });
}

export function reportText(d: Omit<Diagnostics, 'text'>): string {
  const lines: string[] = [];
  lines.push(`Switchboard diagnostics, ${new Date(d.at).toISOString()}`);
  lines.push(`Workspace: ${d.mode}`);
  lines.push(`Token: ${d.token.ok ? `ok${d.token.expiresInS !== null ? `, expires in ${d.token.expiresInS} s` : ''}` : `failed (${d.token.error ?? 'unknown'})`}`);
  lines.push('Connections:');
  if (d.connections.length === 0) lines.push('  (none listed)');
  for (const c of d.connections) lines.push(`  - ${c.name} [${c.service}, ${c.status}]${c.inUse ? ' (in use)' : ''}`);
  lines.push('Servers (live tools vs the bundled catalog):');
  for (const s of d.servers) {
    if (s.error) lines.push(`  - ${s.server}: not checked (${s.error})`);
    else {
      lines.push(`  - ${s.server}: ${s.liveTools} live, ${s.catalogTools} bundled${s.ok && s.added.length === 0 && s.changed.length === 0 ? ', no drift' : ''}`);
      if (s.missing.length) lines.push(`      missing: ${s.missing.join(', ')}`);
      if (s.added.length) lines.push(`      added: ${s.added.join(', ')}`);
      if (s.changed.length) lines.push(`      changed: ${s.changed.join('; ')}`);
    }
  }
  lines.push('Probes:');
  if (d.probe.length === 0) lines.push('  (not run)');
  for (const p of d.probe) lines.push(`  - ${p.question}: ${p.answer}`);
  return `${lines.join('\n')}\n`;
}

export function diagnosticsHandlers(ctx: AppContext): Pick<Handlers, 'diagnostics:run'> {
  return {
    'diagnostics:run': async () => {
      const session = await ctx.sessions.get();
      const ws = session.ws;
      const at = ctx.now();
      const secrets: string[] = [...ws.secrets()];
      const creds = ws.credentials;
      if (creds) secrets.push(...(creds.kind === 'oauth' ? [creds.clientId, creds.clientSecret] : [creds.apiKey]));

      let token: Diagnostics['token'] = { ok: false, expiresInS: null, error: 'No workspace is open.' };
      if (ws.tokens) {
        try {
          secrets.push(await ws.tokens.getToken());
          const exp = ws.tokens.expiresAt;
          token = { ok: true, expiresInS: exp === null ? null : Math.max(0, Math.round((exp - Date.now()) / 1000)) };
        } catch (err) {
          token = { ok: false, expiresInS: null, error: describe(err) };
        }
      }

      let connections: Diagnostics['connections'] = [];
      let inUse: Pcids = {};
      if (ws.tokens && ws.endpoints) {
        try {
          inUse = await ws.pcids().catch(() => ({}));
          if (inUse.genesys) secrets.push(inUse.genesys);
          if (inUse.unipile) secrets.push(inUse.unipile);
          const list: Connection[] = await listConnections({ tokens: ws.tokens, proxyBase: ws.endpoints.proxyBase, timeoutMs: 15_000 });
          secrets.push(...list.map((c) => c.id));
          const used = new Set([inUse.genesys, inUse.unipile].filter(Boolean));
          connections = list.map((c) => ({ name: c.name || c.service_key || 'Unnamed connection', service: serviceOf(c), status: c.status, inUse: used.has(c.id) }));
        } catch (err) {
          connections = [];
          ctx.log('diagnostics: the connections could not be listed', err);
        }
      }

      let report: ProbeReport | null = null;
      let probeError: string | null = null;
      if (creds && ws.endpoints) {
        try {
          report = await runProbes({ credentials: creds, endpoints: ws.endpoints, timeoutMs: 15_000 });
        } catch (err) {
          probeError = describe(err);
        }
      } else probeError = 'No workspace is open.';

      const body: Omit<Diagnostics, 'text'> = {
        at,
        mode: ws.mode,
        token,
        connections,
        servers: servers(report, probeError),
        probe: report ? probeAnswers(report) : [],
      };
      const clean = redact(body, secrets);
      return redact({ ...clean, text: reportText(clean) }, secrets);
    },
  };
}
