import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Activity } from './activity';
import { DEMO_CREDENTIALS, type Credentials } from './auth';
import { createClock } from './clock';
import { createConnections } from './connections';
import { createControl, handleControlHttp, type EmulatorControl } from './control';
import { sendJson } from './http';
import { handleMcp } from './mcp';
import { resolveOptions, type EmulatorOptions } from './options';
import { handleConnections, handleLegacyToken, handleOAuthToken } from './platform';
import { createCoreState, endpointForService, type CoreState, type McpEndpoint } from './state';
import { compileSchema } from './schema';
import type { ServiceModule, ServiceOptions } from './types';

export type ServiceFactory = (opts: ServiceOptions) => ServiceModule;

export interface RunningEmulator {
  /** `http://127.0.0.1:<port>`: the Farm, the token host and PinkConnect all live here. */
  url: string;
  port: number;
  credentials: Credentials;
  control: EmulatorControl;
  /** The service instances by control name (`genesys`, `unipile`). */
  services: Record<string, ServiceModule>;
  stop(): Promise<void>;
}

/** The Farm's own directory server at `/mcp`. */
function directoryEndpoint(endpoints: McpEndpoint[]): McpEndpoint {
  const schema = { type: 'object', properties: {} };
  const tool = {
    name: 'listServers',
    description: 'List the MCP servers available to this organization',
    inputSchema: schema,
  };
  const servers = endpoints.map((e) => ({ name: e.name, path: `/${e.name}`, description: e.description, embedded: false, tools: e.toolCount }));
  return {
    name: 'mcp',
    description: 'Pinkfish MCP Farm directory',
    serviceKey: undefined,
    tools: new Map([[tool.name, { name: tool.name, validate: compileSchema(schema), handler: () => ({ servers }) }]]),
    toolsListJson: JSON.stringify({ tools: [tool] }),
    toolCount: 1,
  };
}

function route(state: CoreState, control: EmulatorControl, routes: Map<string, McpEndpoint>, req: IncomingMessage, res: ServerResponse): Promise<void> | void {
  // DNS-rebinding guard: a web page that resolves its own name to 127.0.0.1 still sends its own Host.
  if (!state.allowedHosts.has(req.headers.host ?? '')) {
    sendJson(res, 403, { error: 'forbidden', message: 'unexpected Host header; use 127.0.0.1 or localhost' });
    return;
  }
  const rawUrl = req.url ?? '/';
  const q = rawUrl.indexOf('?');
  const path = q < 0 ? rawUrl : rawUrl.slice(0, q);
  // Control traffic is the test's own, not the client's: it stays out of the counters.
  if (path === '/__control' || path.startsWith('/__control/')) return handleControlHttp(state, control, req, res, path);
  state.counters.request(path);
  const endpoint = routes.get(path);
  if (endpoint) return handleMcp(state, endpoint, req, res);
  if (path === '/oauth/token') return handleOAuthToken(state, req, res);
  if (path === '/auth/token') return handleLegacyToken(state, req, res);
  if (path === '/manage/user-connections') return handleConnections(state, req, res, new URLSearchParams(q < 0 ? '' : rawUrl.slice(q + 1)));
  if (path.startsWith('/__files/') && req.method === 'GET') return serveFile(state, res, path.slice('/__files/'.length));
  state.counters.status(404);
  sendJson(res, 404, { error: 'not_found', message: `no route for ${req.method} ${path}` });
}

function serveFile(state: CoreState, res: ServerResponse, id: string): void {
  const found = state.files.get(id);
  if (found.status !== 'ok') {
    // Like an expired pre-signed URL: 403 once expired, 404 for ids never issued.
    const status = found.status === 'expired' ? 403 : 404;
    state.counters.status(status);
    sendJson(res, status, { error: found.status === 'expired' ? 'expired' : 'not_found', message: found.status === 'expired' ? 'this download link has expired' : 'no such file' });
    return;
  }
  const { file } = found;
  state.counters.status(200);
  res.writeHead(200, {
    'Content-Type': file.mimeType,
    'Content-Length': file.bytes.byteLength,
    'Cache-Control': 'private, no-store',
    ...(file.fileName ? { 'Content-Disposition': `attachment; filename="${file.fileName.replace(/["\\\r\n]/g, '_')}"` } : {}),
  });
  res.end(file.bytes);
}

/**
 * Start the protocol core with the given services on 127.0.0.1. The real
 * entry point (`emulator/index.ts`) passes the Genesys and Unipile factories;
 * core tests pass a small fake.
 */
export async function startEmulatorCore(options: EmulatorOptions, factories: Record<string, ServiceFactory>): Promise<RunningEmulator> {
  const opts = resolveOptions(options);
  const clock = createClock({ start: opts.startTime, frozen: opts.frozenClock });
  const services: Record<string, ServiceModule> = {};
  for (const [name, factory] of Object.entries(factories)) services[name] = factory({ seed: opts.seed, scale: opts.scale, clock });

  const state = createCoreState(opts, clock, services, createConnections(opts.seed));
  const routes = new Map<string, McpEndpoint>();
  const endpoints = Object.values(services).map(endpointForService);
  for (const endpoint of endpoints) {
    routes.set(`/${endpoint.name}`, endpoint);
    // The self-host image's route for the same servers (reference §2.2).
    routes.set(`/dynamic/${endpoint.name}`, endpoint);
  }
  routes.set('/mcp', directoryEndpoint(endpoints));

  const activity = new Activity(Object.values(services), opts.seed);
  const control = createControl(state, activity);
  const server = createServer({ keepAlive: true, keepAliveTimeout: 30_000 }, (req, res) => {
    const pending = route(state, control, routes, req, res);
    if (pending) {
      pending.catch((err: unknown) => {
        if (res.headersSent) {
          res.destroy();
          return;
        }
        state.counters.status(500);
        sendJson(res, 500, { error: 'internal', message: err instanceof Error ? err.message : String(err) });
      });
    }
  });
  // Without this a hung reply would be cut by Node's default request timeout, not by the hang fault.
  server.requestTimeout = 0;

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(opts.port, '127.0.0.1', () => {
      server.off('error', reject);
      resolve();
    });
  });
  const port = (server.address() as AddressInfo).port;
  state.baseUrl = `http://127.0.0.1:${port}`;
  state.allowedHosts = new Set([`127.0.0.1:${port}`, `localhost:${port}`]);
  activity.set(opts.activityPerMinute);

  let stopped: Promise<void> | undefined;
  return {
    url: state.baseUrl,
    port,
    credentials: { ...DEMO_CREDENTIALS },
    control,
    services,
    stop() {
      stopped ??= new Promise<void>((resolve) => {
        activity.stop();
        for (const [res, timer] of state.hung) {
          clearTimeout(timer);
          res.destroy();
        }
        state.hung.clear();
        state.files.clear();
        server.close(() => resolve());
        server.closeAllConnections();
      });
      return stopped;
    },
  };
}
