export * from './changes';
export * from './edits';
export * from './enums';
export * from './template';
export * from './rows';
export * from './names';
export * from './provenance';
