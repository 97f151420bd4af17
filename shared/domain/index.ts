export * from './ids';
export * from './model';
