import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

describe('layering', () => {
  const eslint = new ESLint();

  it('fails lint when a file under main/core imports electron', async () => {
    for (const source of ["import { app } from 'electron';\nexport const a = app;\n", "import { ipcMain } from 'electron/main';\nexport const b = ipcMain;\n"]) {
      const [result] = await eslint.lintText(source, { filePath: 'main/core/ingress/probe.ts' });
      expect(result?.messages.map((m) => m.ruleId)).toContain('no-restricted-imports');
    }
  });

  it('allows electron under main/electron', async () => {
    const [result] = await eslint.lintText("import { app } from 'electron';\nexport const a = app;\n", { filePath: 'main/electron/probe.ts' });
    expect(result?.messages.filter((m) => m.ruleId === 'no-restricted-imports')).toEqual([]);
  });
});
