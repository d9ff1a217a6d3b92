export * from './config';
export * from './cypher';
export * from './store';
export * from './schema';
export * from './stats';
export * from './import';
export * from './export';
