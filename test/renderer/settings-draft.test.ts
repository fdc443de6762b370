// The settings form's draft → patch: only what the user changed, in the units the API takes, and every patch it
// makes is one the contract's own schema accepts.
import { describe, expect, it } from 'vitest';
import { defaultSettings, SettingsPatch, type Settings } from '../../main/core/model';
import { ApiError } from '../../renderer/src/client/client';
import { fieldProblem, problemOf } from '../../renderer/src/problem';
import { draftOf, patchOf, readableSize, toSize, type Draft } from '../../renderer/src/settings-draft';

const saved: Settings = { ...defaultSettings, bodyLimitBytes: 2 * 1024 * 1024, defaultCountryCode: '49', publicBaseUrl: 'https://hooks.example.com', ngrokDomain: null };
const edited = (change: Partial<Draft>): Draft => ({ ...draftOf(saved), ...change });

describe('settings draft', () => {
  it('shows sizes in the largest round unit', () => {
    expect(toSize(2 * 1024 ** 3, ['MiB', 'GiB'])).toEqual({ value: '2', unit: 'GiB' });
    expect(toSize(1.5 * 1024 ** 3, ['MiB', 'GiB'])).toEqual({ value: '1.5', unit: 'GiB' });
    expect(toSize(512 * 1024 ** 2, ['MiB', 'GiB'])).toEqual({ value: '512', unit: 'MiB' });
    expect(toSize(2048, ['KiB', 'MiB'])).toEqual({ value: '2', unit: 'KiB' });
    expect(readableSize(3 * 1024 ** 3 + 400 * 1024 ** 2)).toBe('3.4 GiB');
  });

  it('an untouched form makes an empty patch', () => {
    expect(patchOf(draftOf(saved), draftOf(saved))).toEqual({});
    // Whitespace around what was there is not a change.
    expect(patchOf(draftOf(saved), edited({ maxEvents: ` ${saved.retention.maxEvents} `, countryCode: '+49' }))).toEqual({});
  });

  it('sends only the changed fields, sizes in bytes, blanks as "use the default"', () => {
    const patch = patchOf(
      draftOf(saved),
      edited({ maxEvents: '5000', maxDatabase: { value: '1.5', unit: 'GiB' }, bodyLimit: null, countryCode: ' ', publicBaseUrl: '', ngrokDomain: ' hooks.ngrok.app ', language: 'es' }),
    );
    expect(patch).toEqual({
      retention: { maxEvents: 5000, maxDatabaseBytes: 1.5 * 1024 ** 3 },
      bodyLimitBytes: null,
      language: 'es',
      defaultCountryCode: null,
      publicBaseUrl: null,
      ngrokDomain: 'hooks.ngrok.app',
    });
    expect(SettingsPatch.safeParse(patch).success).toBe(true);
    expect(patchOf(draftOf(saved), edited({ bodyLimit: { value: '64', unit: 'KiB' } }))).toEqual({ bodyLimitBytes: 64 * 1024 });
  });

  it('says which number it could not read, names its field as the engine would, and sends nothing', () => {
    const refusal = (change: Partial<Draft>): unknown => {
      try {
        patchOf(draftOf(saved), edited(change));
      } catch (error) {
        return error;
      }
      throw new Error('the draft was read');
    };
    const cases: [Partial<Draft>, string, string][] = [
      [{ maxEvents: 'lots' }, 'retention.maxEvents', 'Enter a number of events to keep.'],
      [{ maxDatabase: { value: '', unit: 'GiB' } }, 'retention.maxDatabaseBytes', 'Enter a number for the database size.'],
      [{ bodyLimit: { value: '1e', unit: 'MiB' } }, 'bodyLimitBytes', 'Enter a number for the body size limit.'],
    ];
    for (const [change, path, message] of cases) {
      const error = refusal(change);
      expect(error).toBeInstanceOf(ApiError);
      expect(error).toMatchObject({ message, fields: [{ path, message }] });
      // The field the form shows it under is the field of the patch the engine would name.
      expect(fieldProblem(problemOf(error), path)).toBe(message);
    }
  });

  it('leaves range checks to the contract, whose message the page shows', () => {
    const patch = patchOf(draftOf(saved), edited({ maxEvents: '5' }));
    expect(patch).toEqual({ retention: { maxEvents: 5 } });
    expect(SettingsPatch.safeParse(patch).success).toBe(false);
  });
});
