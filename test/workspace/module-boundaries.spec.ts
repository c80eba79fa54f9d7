import { execFileSync, spawnSync } from 'node:child_process';
import * as path from 'node:path';

const root = path.resolve(__dirname, '../..');

interface LintResult {
  messages: { ruleId: string | null; message: string }[];
}

// The rules that keep projects apart: tags and scopes, and public entry points only.
const BOUNDARY_RULES = new Set(['@nx/enforce-module-boundaries', 'no-restricted-imports']);

/**
 * Lints source text as if it were the given file of the workspace, with the real ESLint CLI and the
 * workspace's config (a child process: the flat config is an ES module Jest cannot load), returning
 * the boundary errors.
 */
async function boundaryErrors(file: string, source: string): Promise<string[]> {
  const run = spawnSync('npx', ['eslint', '--format', 'json', '--stdin', '--stdin-filename', file], {
    cwd: root,
    input: source,
    encoding: 'utf8',
  });
  const results = JSON.parse(run.stdout) as LintResult[];
  return (results[0]?.messages ?? [])
    .filter((m) => m.ruleId !== null && BOUNDARY_RULES.has(m.ruleId))
    .map((m) => m.message);
}

// The rule reads Nx's project graph; make sure it exists, as `npm run lint` does.
beforeAll(() => {
  execFileSync('npx', ['nx', 'show', 'projects'], { cwd: root, stdio: 'ignore' });
});

describe('module boundaries', () => {
  it('stop a service importing another service', async () => {
    const errors = await boundaryErrors(
      'apps/referrals/src/probe.ts',
      "import { bookingService } from '@careloop/booking';\nexport const probe = bookingService;\n",
    );
    expect(errors.join('\n')).toMatch(/scope:referrals.*can only depend on.*scope:shared/);
  });

  it('let a service import contracts and the shared platform libraries', async () => {
    const errors = await boundaryErrors(
      'apps/referrals/src/probe.ts',
      "import { TOPICS } from '@careloop/contracts';\nimport { Outbox } from '@careloop/messaging';\nexport const probe = [TOPICS, Outbox];\n",
    );
    expect(errors).toEqual([]);
  });

  it('keep the testing library out of production code but allow it in tests', async () => {
    const source = "import { eventually } from '@careloop/testing';\nexport const probe = eventually;\n";
    expect(await boundaryErrors('libs/messaging/src/probe.ts', source)).not.toEqual([]);
    expect(await boundaryErrors('libs/messaging/src/probe.spec.ts', source)).toEqual([]);
  });

  it('stop contracts depending on anything but contracts', async () => {
    const errors = await boundaryErrors(
      'libs/contracts/src/probe.ts',
      "import { Outbox } from '@careloop/messaging';\nexport const probe = Outbox;\n",
    );
    expect(errors).not.toEqual([]);
  });

  it('let only the platform compose several services', async () => {
    const source =
      "import { referralsService } from '@careloop/referrals';\nexport const probe = referralsService;\n";
    expect(await boundaryErrors('apps/platform/src/probe.ts', source)).toEqual([]);
    expect(await boundaryErrors('libs/runtime/src/probe.ts', source)).not.toEqual([]);
  });

  it('keep the testing library out of apps but allow it in their tests', async () => {
    const source = "import { eventually } from '@careloop/testing';\nexport const probe = eventually;\n";
    expect((await boundaryErrors('apps/referrals/src/probe.ts', source)).join('\n')).toMatch(
      /type:app.*can only depend on/,
    );
    expect(await boundaryErrors('apps/referrals/src/probe.spec.ts', source)).toEqual([]);
    expect(await boundaryErrors('apps/referrals/test/integration/probe.int.spec.ts', source)).toEqual([]);
  });

  it('stop deep imports into a library, in code and tests alike', async () => {
    const source =
      "import { Outbox } from '@careloop/messaging/src/outbox/outbox';\nexport const probe = Outbox;\n";
    for (const file of ['apps/referrals/src/probe.ts', 'libs/runtime/src/probe.spec.ts']) {
      expect((await boundaryErrors(file, source)).join('\n')).toMatch(/through its entry point/);
    }
    const typeOnly = "import type { Outbox } from '@careloop/messaging/src';\nexport type Probe = Outbox;\n";
    expect((await boundaryErrors('apps/referrals/src/probe.ts', typeOnly)).join('\n')).toMatch(
      /through its entry point/,
    );
  });
});
