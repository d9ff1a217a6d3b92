// Body size: a GraphQL request may carry 1 MB, except an importTemplate mutation
// (a base64 workbook) sent with an ANALYST or ADMIN token, which may carry 32 MB.
// The token is checked from the headers before any byte of the body is read, so an
// anonymous or VIEWER client can never make the server buffer more than 1 MB; a
// large body is then accepted only when its operation is importTemplate alone.
import type { Role } from '@smart/domain';
import express, { type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import { type DocumentNode, Kind, type OperationDefinitionNode, parse } from 'graphql';
import type { Principal } from '../auth/tokens';
import { type SecurityLimits, formatBytes } from './limits';
import { sendError } from './responses';

const IMPORT_ROLES: ReadonlySet<Role> = new Set(['ANALYST', 'ADMIN']);
const RAW_LENGTH = Symbol('rawBodyLength');

type WithLength = Request & { [RAW_LENGTH]?: number };

function selectedOperation(doc: DocumentNode, name: unknown): OperationDefinitionNode | undefined {
  const ops = doc.definitions.filter(
    (d): d is OperationDefinitionNode => d.kind === Kind.OPERATION_DEFINITION,
  );
  if (typeof name === 'string' && name) return ops.find((o) => o.name?.value === name);
  return ops.length === 1 ? ops[0] : undefined;
}

/** True when the body is one mutation whose only root fields are importTemplate. */
export function isImportTemplateOnly(body: unknown, maxTokens: number): boolean {
  if (!body || typeof body !== 'object' || Array.isArray(body)) return false;
  const { query, operationName } = body as { query?: unknown; operationName?: unknown };
  if (typeof query !== 'string') return false;
  let doc: DocumentNode;
  try {
    doc = parse(query, { maxTokens });
  } catch {
    return false;
  }
  const op = selectedOperation(doc, operationName);
  if (op?.operation !== 'mutation' || op.selectionSet.selections.length === 0) return false;
  return op.selectionSet.selections.every((s) => s.kind === Kind.FIELD && s.name.value === 'importTemplate');
}

export function graphqlBody(limits: SecurityLimits): RequestHandler {
  const small = express.json({ limit: limits.bodyLimitBytes });
  const large = express.json({
    limit: limits.importBodyLimitBytes,
    verify: (req, _res, buf) => {
      (req as WithLength)[RAW_LENGTH] = buf.length;
    },
  });
  const tooLarge = (res: Response, limit: number, extra = '') =>
    sendError(
      res,
      413,
      'PAYLOAD_TOO_LARGE',
      `the request body is larger than the ${formatBytes(limit)} limit${extra}`,
    );

  return (req: Request, res: Response, next: NextFunction) => {
    const principal = res.locals.principal as Principal | null | undefined;
    const mayImport = !!principal && IMPORT_ROLES.has(principal.role);
    const declared = Number(req.headers['content-length'] ?? Number.NaN);
    const mayBeLarge = mayImport && !(declared <= limits.bodyLimitBytes);
    const done = (err?: unknown) => {
      if (err) {
        const e = err as { type?: string; status?: number };
        if (e.type === 'entity.too.large') {
          tooLarge(
            res,
            mayBeLarge ? limits.importBodyLimitBytes : limits.bodyLimitBytes,
            mayBeLarge
              ? ''
              : `; only importTemplate, sent by an ANALYST, may send up to ${formatBytes(limits.importBodyLimitBytes)}`,
          );
          return;
        }
        next(err);
        return;
      }
      const length = (req as WithLength)[RAW_LENGTH] ?? 0;
      if (length > limits.bodyLimitBytes && !isImportTemplateOnly(req.body, limits.maxTokens)) {
        tooLarge(res, limits.bodyLimitBytes, '; only an importTemplate mutation on its own may be larger');
        return;
      }
      // Express 5 leaves req.body undefined when nothing was parsed (a GET, another
      // content type); Apollo then answers with its own clear 400s.
      if (req.body === undefined) req.body = {};
      next();
    };
    (mayBeLarge ? large : small)(req, res, done);
  };
}

/** importTemplate requests get the longer time limit. */
export function isImportRequest(req: Request, maxTokens: number): boolean {
  const query = (req.body as { query?: unknown } | undefined)?.query;
  return (
    typeof query === 'string' && query.includes('importTemplate') && isImportTemplateOnly(req.body, maxTokens)
  );
}
