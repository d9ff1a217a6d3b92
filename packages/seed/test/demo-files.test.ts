// The committed demo folder (packages/seed/demo) must be exactly demoEcosystem():
// regenerate it with `npx tsx packages/seed/src/write-demo.ts` after changing the demo.
import { readTemplate } from '@smart/templates';
import { describe, expect, it } from 'vitest';
import { demoEcosystem } from '../src/demo';
import { DEMO_DIR } from '../src/paths';
import { plain } from './helpers';

describe('committed demo template', () => {
  it('reads with no problems and equals demoEcosystem()', async () => {
    const { template, problems } = await readTemplate(DEMO_DIR);
    // Not even a warning: the folder's README.md is allowed beside the tables.
    expect(problems).toEqual([]);
    expect(plain(template)).toEqual(plain(demoEcosystem()));
  });
});
