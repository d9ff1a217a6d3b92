// The one shape every error the HTTP layer answers itself takes: a GraphQL-style
// `{ errors: [{ message, extensions: { code } }] }`, never a stack trace or an HTML page.
import type { Response } from 'express';

export function sendError(res: Response, status: number, code: string, message: string): void {
  if (res.headersSent) return;
  res
    .status(status)
    .type('application/json')
    .send(JSON.stringify({ errors: [{ message, extensions: { code } }] }));
}
