import { CSV_PREVIEW_BYTES } from '@referkit/core';
import { act, waitFor } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { createReferkitClient } from './create-referkit-client';
import { installMockApi, renderWithReferkit, TEST_BASE_URL } from './test-utils';
import { useCsvImport } from './use-csv-import';

const latin1 = (text: string) => Uint8Array.from([...text].map((c) => c.charCodeAt(0)));

describe('useCsvImport', () => {
  it('previews a semicolon Latin-1 file, guesses the mapping and imports what it previewed', async () => {
    const api = installMockApi();
    const onImported = vi.fn();
    const { result } = renderWithReferkit(() => useCsvImport('camp_spring', { onImported }), api);
    const file = new File(
      [latin1('Prénom;E-mail;Nom\r\nJosé;jose@latin.test;Núñez\r\nRenée;renee@latin.test;\r\n')],
      'clients.csv',
      { type: 'text/csv' },
    );
    await act(() => result.current.choose(file));
    expect(result.current.preview).toMatchObject({ delimiter: ';', encoding: 'windows-1252' });
    expect(result.current.ignoreFirstRow).toBe(true);
    expect(result.current.columns).toEqual(['skip', 'email', 'skip']);
    expect(result.current.missing).toEqual(['firstName']);
    expect(result.current.canImport).toBe(false);
    expect(result.current.dirty).toBe(true);
    expect(result.current.dataRows).toEqual([
      ['José', 'jose@latin.test', 'Núñez'],
      ['Renée', 'renee@latin.test', ''],
    ]);

    act(() => result.current.setColumn(0, 'firstName'));
    act(() => result.current.setColumn(2, 'lastName'));
    expect(result.current.columns).toEqual(['firstName', 'email', 'lastName']);
    expect(result.current.canImport).toBe(true);
    act(() => result.current.submit());
    await waitFor(() => expect(result.current.result).not.toBeNull());
    expect(result.current.result).toMatchObject({ created: 2, invalid: 0 });
    expect(result.current.dirty).toBe(false);
    expect(onImported).toHaveBeenCalledWith(expect.objectContaining({ created: 2 }));
    const { referrers } = await api.client.listReferrers('camp_spring', { q: 'latin.test' });
    expect(referrers.map((r) => r.firstName).sort()).toEqual(['José', 'Renée']);

    act(() => result.current.reset());
    expect(result.current).toMatchObject({ file: null, preview: null, result: null, dirty: false });
  });

  it('accepts a .tsv file and refuses other files or empty ones, saying why', async () => {
    const api = installMockApi();
    const { result } = renderWithReferkit(() => useCsvImport('camp_spring'), api);
    await act(() =>
      result.current.choose(new File(['Name\tEmail\nAnn\tann@tab.test\n'], 'people.tsv')),
    );
    expect(result.current.fileError).toBeNull();
    expect(result.current.columns).toEqual(['firstName', 'email']);

    await act(() => result.current.choose(new File(['%PDF'], 'report.pdf')));
    expect(result.current.fileError).toMatchObject({ problem: 'not_csv', fileName: 'report.pdf' });
    expect(result.current.preview).toBeNull();

    await act(() => result.current.choose(new File(['\r\n  \n'], 'blank.csv')));
    expect(result.current.fileError).toMatchObject({ problem: 'empty', fileName: 'blank.csv' });
  });

  it('sends only the file’s start and refuses a file over the import’s limit before it is mapped', async () => {
    const api = installMockApi({ maxCsvBytes: 100 * 1024 });
    // What goes over the wire: the body of each preview request.
    const sent: number[] = [];
    const client = createReferkitClient({
      baseUrl: TEST_BASE_URL,
      fetch: (url, init) => {
        const body = init?.body;
        if (String(url).includes('/import/preview')) {
          sent.push(body instanceof Blob ? body.size : (body as Uint8Array).byteLength);
        }
        return fetch(url, init);
      },
    });
    const { result } = renderWithReferkit(() => useCsvImport('camp_spring'), { ...api, client });
    const row = 'Ann,ann@big.test\n';
    const big = new File([`First Name,Email\n${row.repeat(8000)}`], 'big.csv');
    let choosing: Promise<void> | undefined;
    act(() => {
      choosing = result.current.choose(big);
    });
    expect(result.current.reading).toBe(true);
    await act(() => choosing);
    expect(result.current.reading).toBe(false);
    expect(big.size).toBeGreaterThan(CSV_PREVIEW_BYTES);
    expect(sent).toEqual([CSV_PREVIEW_BYTES]);
    expect(result.current.fileError).toMatchObject({ problem: 'too_large', fileName: 'big.csv' });
    expect(result.current.fileError?.message).toMatch(/larger than 100 KB/);
    expect(result.current.preview).toBeNull();

    const fits = new File([`First Name,Email\n${row.repeat(5000)}`], 'fits.csv');
    await act(() => result.current.choose(fits));
    expect(result.current.fileError).toBeNull();
    expect(result.current.preview?.rows).toHaveLength(6);
    expect(result.current.dataRows[0]).toEqual(['Ann', 'ann@big.test']);
  });

  it('says why when the server cannot be reached, and keeps no half-read file', async () => {
    const api = installMockApi();
    const { client } = api;
    client.previewCsv = () => Promise.reject(new Error('Could not reach the server.'));
    const { result } = renderWithReferkit(() => useCsvImport('camp_spring'), api);
    await act(() => result.current.choose(new File(['First Name,Email\n'], 'people.csv')));
    expect(result.current.fileError).toEqual({
      problem: 'read_error',
      message: 'Could not reach the server.',
      fileName: 'people.csv',
    });
    expect(result.current).toMatchObject({
      file: null,
      preview: null,
      reading: false,
      dirty: false,
    });
  });
});
