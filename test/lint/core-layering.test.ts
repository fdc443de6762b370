// The layers of main/core are kept by lint (eslint.config.js), not by goodwill: each rule is checked here against
// a probe file in each folder, because in flat config a later no-restricted-imports entry silently replaces an
// earlier one for the files both match.
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const eslint = new ESLint();

async function restricted(filePath: string, source: string): Promise<string[]> {
  const [result] = await eslint.lintText(source, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}
const importing = (specifier: string): string => `import * as probe from '${specifier}';\nexport const used = probe;\n`;

/** Where a probe file sits, and what it imports a sibling or higher layer through. */
const folders = ['signatures', 'outbound', 'providers', 'store', 'describing', 'ingress', 'replay', 'export', 'alerts', 'tunnel', 'maintenance', 'api'];

describe('main/core is plain Node', () => {
  it.each([...folders.map((f) => `main/core/${f}/probe.ts`), 'main/core/probe.ts', 'main/core/app.ts', 'main/core/providers/lox24/probe.ts'])('electron is refused in %s', async (file) => {
    expect(await restricted(file, "import { app } from 'electron';\nexport const a = app;\n")).toEqual([expect.stringContaining('only main/electron may import Electron')]);
    expect(await restricted(file, "import { ipcMain } from 'electron/main';\nexport const b = ipcMain;\n")).toHaveLength(1);
  });

  it('allows electron under main/electron', async () => {
    expect(await restricted('main/electron/probe.ts', "import { app } from 'electron';\nexport const a = app;\n")).toEqual([]);
  });

  it('the desktop shell decides no alert: the policy in main/core/alerts is out of its reach', async () => {
    expect(await restricted('main/electron/main.ts', importing('../core/alerts/policy'))).toEqual([expect.stringContaining('the alert policy lives in main/core/alerts')]);
    expect(await restricted('main/electron/notifications.ts', importing('../core/alerts/service'))).toHaveLength(1);
    expect(await restricted('main/electron/notifications.ts', importing('../core/api/view-url'))).toEqual([]);
  });

  it('never imports a shell', async () => {
    expect(await restricted('main/core/app.ts', importing('../electron/tray-menu'))).toEqual([expect.stringContaining('never imports a shell')]);
    expect(await restricted('main/core/api/probe.ts', importing('../../cli/common'))).toEqual([expect.stringContaining('never imports a shell')]);
  });
});

describe('each layer imports only the layers below it', () => {
  const refused: [string, string][] = [
    ['main/core/model-probe.ts', './store/store'],
    ['main/core/bus.ts', './export/jobs'],
    ['main/core/signatures/probe.ts', '../outbound/send'],
    ['main/core/outbound/probe.ts', '../signatures'],
    ['main/core/providers/probe.ts', '../store/requests'],
    ['main/core/providers/lox24/probe.ts', '../../store/requests'],
    ['main/core/store/probe.ts', '../providers/explanations'],
    ['main/core/store/probe.ts', '../describing/parse-body'],
    ['main/core/describing/probe.ts', '../ingress/server'],
    ['main/core/ingress/probe.ts', '../replay/replay'],
    ['main/core/replay/probe.ts', '../ingress/forward'],
    ['main/core/export/probe.ts', '../replay/trigger'],
    ['main/core/alerts/probe.ts', '../api/contract'],
    ['main/core/tunnel/probe.ts', '../ingress/server'],
    ['main/core/ingress/probe.ts', '../api/contract'],
    ['main/core/maintenance/probe.ts', '../ingress/server'],
    ['main/core/ingress/probe.ts', '../maintenance/maintenance'],
    ['main/core/tunnel/probe.ts', '../api/services'],
  ];
  it.each(refused)('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, importing(specifier))).toEqual([expect.stringMatching(/may import only .*the base files/)]);
  });

  const allowed: [string, string][] = [
    ['main/core/store/probe.ts', '../model'],
    ['main/core/store/probe.ts', './requests'],
    ['main/core/describing/probe.ts', '../providers'],
    ['main/core/describing/probe.ts', '../store/store'],
    ['main/core/ingress/probe.ts', '../signatures'],
    ['main/core/ingress/probe.ts', '../outbound/send'],
    ['main/core/ingress/probe.ts', '../describing/parse-body'],
    ['main/core/replay/probe.ts', '../outbound/delivery'],
    ['main/core/api/probe.ts', '../export/jobs'],
    ['main/core/api/probe.ts', '../tunnel/setup'],
    ['main/core/maintenance/probe.ts', '../describing/redescribe'],
    ['main/core/app.ts', './maintenance/maintenance'],
    ['main/core/app.ts', './api/handlers'],
    ['main/core/headless.ts', './api/http-server'],
    ['main/core/providers/lox24/probe.ts', '../explanations'],
  ];
  it.each(allowed)('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, importing(specifier))).toEqual([]);
  });
});

describe('the renderer imports only the contract, the model and the pure shared helpers of main/core', () => {
  it.each([
    ['renderer/src/components/probe.tsx', '../../../main/core/providers/lox24/codes'],
    ['renderer/src/components/probe.tsx', '../../../main/core/samples'],
    ['renderer/src/probe.ts', '../../main/core/store/store'],
    ['renderer/src/probe.ts', '../../main/core/api/handlers'],
    ['renderer/src/probe.ts', '../../main/electron/preload'],
    ['renderer/src/probe.ts', '../../main/core/model-extra'],
    ['renderer/src/components/probe.tsx', '../../../main/core/outbound/send'],
    ['renderer/src/probe.ts', '../../main/core/curl-extra'],
  ])('%s may not import %s', async (file, specifier) => {
    expect(await restricted(file, importing(specifier))).toEqual([expect.stringContaining('The renderer may import only')]);
  });

  it.each([
    ['renderer/src/probe.ts', '../../main/core/model'],
    ['renderer/src/client/probe.ts', '../../../main/core/api/contract'],
    ['renderer/src/probe.tsx', '../../main/core/api/view-url'],
    ['renderer/src/components/probe.tsx', '../../../main/core/curl'],
    ['renderer/src/probe.ts', '../../main/core/http-headers'],
    ['renderer/src/components/probe.tsx', '../feed-rows'],
  ])('%s may import %s', async (file, specifier) => {
    expect(await restricted(file, importing(specifier))).toEqual([]);
  });

  it('never imports Electron', async () => {
    expect(await restricted('renderer/src/probe.ts', "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n")).toEqual([expect.stringContaining('never Electron')]);
  });
});
