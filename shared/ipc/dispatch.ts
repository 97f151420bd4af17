import { AppError, fail, ok, type Result } from './result';
import { invokeContract, isInvokeChannel, type CallContext, type Handlers } from './contract';

/**
 * Validate-then-handle, shared by both hosts (Electron ipcMain and the web
 * host's WebSocket) so they behave identically: unknown channel and bad input
 * are rejected before any handler runs, and the reply is always a Result.
 */
export async function dispatch(handlers: Handlers, channel: unknown, input: unknown, ctx: CallContext): Promise<Result<unknown>> {
  if (!isInvokeChannel(channel)) {
    return fail(new AppError('unknown_channel', `Unknown channel ${JSON.stringify(String(channel)).slice(0, 80)}.`));
  }
  const spec = invokeContract[channel];
  const parsed = spec.input.safeParse(input);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue?.path.join('.') || undefined;
    const message = `Invalid input for ${channel}${field ? ` (${field})` : ''}: ${issue?.message ?? 'rejected'}.`;
    return fail(new AppError('invalid_input', message, field ? { field } : {}));
  }
  try {
    const handler = handlers[channel] as (input: unknown, ctx: CallContext) => unknown;
    const value = await handler(parsed.data, ctx);
    // Output is checked too: a handler drifting from the contract is a bug we want loud in tests.
    const out = spec.output.safeParse(value);
    if (!out.success) {
      return fail(new Error(`handler for ${channel} returned a value that does not match the contract`));
    }
    return ok(out.data);
  } catch (err) {
    return fail(err);
  }
}
