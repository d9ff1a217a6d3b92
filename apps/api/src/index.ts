export * from './app';
export * from './listen';
export { issueToken, verifyToken, type Principal } from './auth/tokens';
