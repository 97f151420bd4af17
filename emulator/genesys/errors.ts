import { UpstreamError } from '../core/types';
import { SALT, uuidFor } from './ids';

export interface ErrorDetail {
  errorCode?: string;
  fieldName?: string;
  entityId?: string;
  entityName?: string;
}

/**
 * Builds Genesys `ErrorBody` errors. The message keeps `{name}` placeholders in
 * `messageWithParams` and substitutes them in `message`, as the real platform does,
 * so a client can show either form.
 */
export class GenesysErrors {
  private counter = 0;
  constructor(private readonly seed: number) {}

  error(status: number, code: string, template: string, params: Record<string, string> = {}, details: ErrorDetail[] = []): UpstreamError {
    const message = template.replace(/\{(\w+)\}/g, (whole, key: string) => params[key] ?? whole);
    const body: Record<string, unknown> = {
      message,
      code,
      status,
      messageParams: params,
      contextId: uuidFor(this.seed, SALT.context, this.counter++),
      details,
      errors: [],
    };
    if (Object.keys(params).length > 0) body.messageWithParams = template;
    return new UpstreamError(status, body);
  }

  notFound(entityName: string, id: string): UpstreamError {
    return this.error(404, 'not.found', `${entityName} {id} was not found.`, { id }, [{ errorCode: 'not.found', entityId: id, entityName }]);
  }

  badRequest(template: string, params: Record<string, string> = {}, fieldName?: string): UpstreamError {
    return this.error(400, 'bad.request', template, params, fieldName ? [{ errorCode: 'bad.request', fieldName }] : []);
  }

  /** A body field that references something that does not exist or is not allowed. */
  invalidValue(fieldName: string, template: string, params: Record<string, string> = {}): UpstreamError {
    return this.error(400, 'invalid.value', template, params, [{ errorCode: 'invalid.value', fieldName }]);
  }

  constraint(fieldName: string, template: string, params: Record<string, string> = {}): UpstreamError {
    return this.error(400, 'constraint.validation', template, params, [{ errorCode: 'constraint.validation', fieldName }]);
  }

  notAuthorized(template: string, params: Record<string, string> = {}): UpstreamError {
    return this.error(403, 'not.authorized', template, params);
  }

  missingPermissions(permissions: readonly string[]): UpstreamError {
    return this.error(
      403,
      'missing.any.permissions',
      'Unable to perform the requested action. You must have at least one of the following permissions assigned: {permissions}',
      { permissions: permissions.join(', ') },
    );
  }

  conflict(template: string, params: Record<string, string> = {}): UpstreamError {
    return this.error(409, 'conflict', template, params);
  }
}
