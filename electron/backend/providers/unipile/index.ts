export * from './args';
export * from './capabilities';
export * from './mappers';
export * from './paging';
export * from './schemas';
export * from './tools';
export { encodeFile, encodeFiles, MAX_UPLOAD_BYTES } from './uploads';
