// GET /templates/smart-template.xlsx: the blank SMART template (DESIGN.md §5) that an
// organization fills in. It holds no data from the map (headers, instructions, example
// rows), so it needs no role; the app's security headers apply as to every answer. The
// workbook is built on the first request and kept: nothing is added to start-up (every
// API process and test server pays nothing until someone downloads it).
import { blankTemplateXlsx } from '@smart/templates';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export const BLANK_TEMPLATE_PATH = '/templates/smart-template.xlsx';

export function blankTemplateRoute(log: Logger): RequestHandler {
  let workbook: Promise<Uint8Array> | null = null;
  return async (_req, res, next) => {
    try {
      workbook ??= blankTemplateXlsx().catch((err: unknown) => {
        workbook = null; // the next request tries again
        log.error({ err }, 'the blank template could not be built');
        throw err;
      });
      const data = await workbook;
      res
        .status(200)
        .type('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .set('Content-Disposition', 'attachment; filename="smart-template.xlsx"')
        .set('Cache-Control', 'public, max-age=3600')
        .send(Buffer.from(data));
    } catch (err) {
      next(err);
    }
  };
}
