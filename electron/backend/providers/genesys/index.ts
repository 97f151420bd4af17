export * from './tools';
export * from './schemas';
export * from './mappers';
export * from './paging';
export * from './settings';
export * from './self';
