import type { ServerResponse } from 'node:http';
import { TokenStore } from './auth';
import type { AdjustableClock } from './clock';
import type { Connection } from './connections';
import { Counters } from './counters';
import { FaultInjector } from './faults';
import { FileStore } from './files';
import type { ResolvedOptions } from './options';
import { RateLimiter } from './rateLimit';
import type { BinaryMode, ErrorMode } from './results';
import { compileSchema, type Validator } from './schema';
import type { ServiceModule, ToolHandler } from './types';

/** The settings that may change while the emulator runs (control API `config`). */
export interface RuntimeConfig {
  errorMode: ErrorMode;
  binaryMode: BinaryMode;
  sseReplies: boolean;
  ratePerHour: number;
  ratePerDay: number;
  tokenTtl: number;
  fileUrlTtl: number;
}

export interface CompiledTool {
  name: string;
  validate: Validator;
  handler: ToolHandler | undefined;
}

/** One MCP path: a service, or the Farm's own `/mcp` directory. */
export interface McpEndpoint {
  /** Server name as listServers reports it, e.g. `genesys-chat`. */
  name: string;
  description: string;
  /** PinkConnect service_key the PCID must match; undefined for servers that take no PCID. */
  serviceKey: string | undefined;
  tools: Map<string, CompiledTool>;
  /** The tools/list result, serialised once at start. */
  toolsListJson: string;
  toolCount: number;
}

export interface CoreState {
  config: RuntimeConfig;
  opts: ResolvedOptions;
  clock: AdjustableClock;
  tokens: TokenStore;
  limiter: RateLimiter;
  faults: FaultInjector;
  counters: Counters;
  files: FileStore;
  connections: Connection[];
  services: Record<string, ServiceModule>;
  baseUrl: string;
  /** Host header values accepted (set once the port is known). */
  allowedHosts: Set<string>;
  /** Replies deliberately never sent (hang fault), so stop() can release them. */
  hung: Map<ServerResponse, NodeJS.Timeout>;
}

export function createCoreState(opts: ResolvedOptions, clock: AdjustableClock, services: Record<string, ServiceModule>, connections: Connection[]): CoreState {
  return {
    config: {
      errorMode: opts.errorMode,
      binaryMode: opts.binaryMode,
      sseReplies: opts.sseReplies,
      ratePerHour: opts.ratePerHour,
      ratePerDay: opts.ratePerDay,
      tokenTtl: opts.tokenTtl,
      fileUrlTtl: opts.fileUrlTtl,
    },
    opts,
    clock,
    tokens: new TokenStore(clock, opts.tokenTtl),
    limiter: new RateLimiter(clock, { perHour: opts.ratePerHour, perDay: opts.ratePerDay }),
    faults: new FaultInjector(opts.seed, opts.faults),
    counters: new Counters(),
    files: new FileStore(clock, opts.fileUrlTtl * 1000),
    connections,
    services,
    baseUrl: '',
    allowedHosts: new Set(),
    hung: new Map(),
  };
}

const DESCRIPTIONS: Record<string, string> = {
  'genesys-chat': 'Genesys Cloud internal chat: rooms, 1:1 chats, messages, threads, pins, reactions and chat settings',
  'unipile-messaging': 'Unipile messaging: chats, messages, attendees and attachments across WhatsApp, LinkedIn, Slack, Telegram, Instagram, Messenger and X',
};

export function endpointForService(service: ServiceModule): McpEndpoint {
  const name = service.path.slice(1);
  const tools = new Map<string, CompiledTool>();
  for (const tool of service.catalog.tools) {
    tools.set(tool.name, { name: tool.name, validate: compileSchema(tool.inputSchema), handler: service.tools[tool.name] });
  }
  return {
    name,
    description: DESCRIPTIONS[name] ?? name,
    serviceKey: service.serviceKey,
    tools,
    // Exactly the catalog objects, in catalog order, so tools/list equals the published JSON.
    toolsListJson: JSON.stringify({ tools: service.catalog.tools }),
    toolCount: service.catalog.tools.length,
  };
}
