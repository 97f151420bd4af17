/**
 * Unipile error bodies (reference §5.1): `{title, detail, instance, type, status}`.
 * Handlers throw without `instance`; index.ts fills it with the REST path of
 * the call, as the real API does.
 */
import { UpstreamError } from '../core/types';

const TITLES: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  415: 'Unsupported Media Type',
  422: 'Unprocessable Entity',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
};

export function unipileError(status: number, type: string, detail: string): UpstreamError {
  return new UpstreamError(status, { title: TITLES[status] ?? 'Error', detail, type, status });
}

export const invalidParameters = (detail: string) => unipileError(400, 'errors/invalid_parameters', detail);
export const missingParameters = (detail: string) => unipileError(400, 'errors/missing_parameters', detail);
export const notFound = (detail: string) => unipileError(404, 'errors/resource_not_found', detail);
export const forbidden = (type: string, detail: string) => unipileError(403, type, detail);
export const unprocessable = (type: string, detail: string) => unipileError(422, type, detail);
export const notImplemented = (detail: string) => unipileError(501, 'errors/feature_not_implemented', detail);

/** Re-issue an error with the request path as `instance`, keeping the documented key order. */
export function withInstance(err: UpstreamError, instance: string): UpstreamError {
  if (typeof err.body.instance === 'string') return err;
  const { title, detail, type, status, ...rest } = err.body;
  return new UpstreamError(err.status, { title, detail, instance, type, status, ...rest });
}
