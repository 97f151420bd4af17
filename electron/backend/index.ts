export { createBackend, type Backend, type BackendOptions } from './app/createBackend';
