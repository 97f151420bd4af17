import { PinkfishError } from '../../pinkfish/errors';
import type { FileInput } from './args';

/**
 * The catalog types file fields as `string` with `format: binary`, and the Farm
 * carries JSON, so bytes travel as standard base64 (no data: URL prefix, no
 * line breaks): the one text form any binary-aware proxy decodes. Strings are
 * taken to be encoded already and sent unchanged, base64 or a
 * `data:<mime>;base64,` URL (for a caller that wants to state the MIME type or
 * name); anything else is refused here rather than uploaded as garbage.
 */

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;
const DATA_URL = /^data:[^,]*;base64,([A-Za-z0-9+/]*={0,2})$/;

/** 15 MB per file is Unipile's documented guideline (§3.6); refusing early saves a call. */
export const MAX_UPLOAD_BYTES = 15 * 1024 * 1024;

export function encodeFile(input: FileInput, field: string): string {
  if (input instanceof Uint8Array) {
    if (input.byteLength > MAX_UPLOAD_BYTES) throw tooLarge(field);
    return Buffer.from(input.buffer, input.byteOffset, input.byteLength).toString('base64');
  }
  const payload = typeof input === 'string' ? (DATA_URL.exec(input)?.[1] ?? input) : '';
  if (payload.length === 0 || payload.length % 4 !== 0 || !BASE64.test(payload)) {
    throw new PinkfishError('invalid_input', `The file in '${field}' must be bytes, base64 text or a base64 data: URL.`, { field });
  }
  if ((payload.length / 4) * 3 > MAX_UPLOAD_BYTES + 2) throw tooLarge(field);
  return input as string;
}

export function encodeFiles(inputs: readonly FileInput[] | undefined, field: string): string[] | undefined {
  return inputs?.map((f) => encodeFile(f, field));
}

function tooLarge(field: string): PinkfishError {
  return new PinkfishError('invalid_input', `A file in '${field}' is larger than 15 MB, the most Unipile accepts.`, { field });
}
