// GET /templates/smart-template.xlsx: the blank SMART template (DESIGN.md §5) that an
// organization fills in. It holds no data from the map (headers, instructions, example
// rows), so it needs no role; the app's security headers apply as to every answer. The
// workbook is built once, when the server starts, so no request waits for exceljs.
import { blankTemplateXlsx } from '@smart/templates';
import type { RequestHandler } from 'express';
import type { Logger } from 'pino';

export const BLANK_TEMPLATE_PATH = '/templates/smart-template.xlsx';

export function blankTemplateRoute(log: Logger): RequestHandler {
  const workbook = blankTemplateXlsx();
  workbook.catch((err: unknown) => log.error({ err }, 'the blank template could not be built'));
  return async (_req, res, next) => {
    try {
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
