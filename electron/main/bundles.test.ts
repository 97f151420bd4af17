import { join } from 'node:path';
import { builtinModules } from 'node:module';
import { runInNewContext } from 'node:vm';
import { describe, expect, it } from 'vitest';
import { MainConfigFactory, PreloadConfigFactory, resolveConfig, type InlineConfig } from 'electron-vite';
import { build, type Rollup } from 'vite';

// Builds main and preload in memory with the project's real electron.vite.config.ts: a sandboxed
// preload can require nothing but 'electron', so a stray external import would only show up as a
// blank window at run time, which we cannot see here without the Electron binary.

const root = join(__dirname, '..', '..');

const built = new Map<string, Promise<Rollup.OutputChunk[]>>();
function bundle(kind: 'main' | 'preload'): Promise<Rollup.OutputChunk[]> {
  let chunks = built.get(kind);
  if (!chunks) built.set(kind, (chunks = buildInMemory(kind)));
  return chunks;
}

async function buildInMemory(kind: 'main' | 'preload'): Promise<Rollup.OutputChunk[]> {
  const inline: InlineConfig = { root, configFile: join(root, 'electron.vite.config.ts'), logLevel: 'silent' };
  const resolved = await resolveConfig(inline, 'build', 'production');
  const Factory = kind === 'main' ? MainConfigFactory : PreloadConfigFactory;
  const base = kind === 'main' ? resolved.config?.main : resolved.config?.preload;
  if (!base) throw new Error(`electron.vite.config.ts has no ${kind} section`);
  const config = await new Factory(base, inline, {}).build();
  const result = await build({ ...config, root, configFile: false, logLevel: 'silent', build: { ...config.build, write: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rollup.RollupOutput[];
  return outputs.flatMap((o) => o.output).filter((o): o is Rollup.OutputChunk => o.type === 'chunk');
}

const required = (code: string): string[] => [...new Set([...code.matchAll(/\brequire\(\s*(['"`])([^'"`]+)\1\s*\)/g)].map((m) => m[2] ?? ''))];

describe('the preload bundle', () => {
  it('is one CommonJS file, out/preload/index.cjs, that requires only electron', async () => {
    const chunks = await bundle('preload');
    expect(chunks.map((c) => c.fileName)).toEqual(['index.cjs']);
    const code = chunks[0]?.code ?? '';
    expect(required(code)).toEqual(['electron']);
    expect(code).not.toMatch(/^\s*(import|export)\s/m);
    expect(code).not.toMatch(/\bimport\s*\(/);
    // zod and the contract are inlined, so the allowlist really is the contract's.
    expect(code).toContain('app:info');
    expect(code).toContain('exposeInMainWorld');
  }, 60_000);

  it('runs inside the sandbox preload wrapper, with a require that knows only electron', async () => {
    const code = (await bundle('preload'))[0]?.code ?? '';
    const exposed: Record<string, unknown> = {};
    const electron = {
      contextBridge: { exposeInMainWorld: (key: string, value: unknown) => (exposed[key] = value) },
      ipcRenderer: { invoke: async () => ({ ok: true, value: null }), on: () => {}, removeListener: () => {} },
    };
    const sandboxRequire = (name: string) => {
      if (name === 'electron') return electron;
      throw new Error(`module not found: ${name}`);
    };
    // Mirrors Electron's wrapper: (require, process, Buffer, global, setImmediate, clearImmediate, exports, module).
    const wrapped = `(function (require, process, Buffer, global, setImmediate, clearImmediate, exports, module) {${code}\n})`;
    const exports = {};
    const fn = runInNewContext(wrapped, { console }) as (...args: unknown[]) => void;
    fn(sandboxRequire, { env: {} }, undefined, {}, setImmediate, clearImmediate, exports, { exports });
    expect(Object.keys(exposed)).toEqual(['api']);
    expect(Object.keys(exposed['api'] as object).sort()).toEqual(['invoke', 'on']);
  }, 60_000);
});

describe('the main bundle', () => {
  it('is out/main/index.js in CommonJS, with Electron, Node built-ins and packages left external', async () => {
    const chunks = await bundle('main');
    expect(chunks.map((c) => c.fileName)).toContain('index.js');
    const code = chunks.find((c) => c.fileName === 'index.js')?.code ?? '';
    expect(code).not.toMatch(/^\s*import\s/m);
    const deps = required(code);
    expect(deps).toContain('electron');
    const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`)]);
    // Relative requires may only point at chunks of this same build (lazy-loaded parts such as the demo
    // emulator); anything else would point into the source tree, which is not packaged.
    const emitted = new Set(chunks.map((c) => `./${c.fileName}`));
    for (const dep of deps) if (dep.startsWith('.') || dep.startsWith('/')) expect(emitted.has(dep), dep).toBe(true);
    expect(deps.filter((d) => !builtins.has(d) && d !== 'electron').every((d) => /^(@[\w.-]+\/)?[\w.-]+(\/.*)?$/.test(d))).toBe(true);
  }, 60_000);
});
