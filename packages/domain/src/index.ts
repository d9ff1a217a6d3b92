export * from './enums';
export * from './template';
export * from './rows';
