export * from './instance';
export * from './admin-import';
