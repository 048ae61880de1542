import { useState } from 'preact/hooks';
import type { ExchangeBatch } from '../api/types';
import { useApp } from '../app-context';
import { ErrorMessage, Loading, useAsync } from '../components/common';
import { formatDateTime } from '../format/dates';

const size = (bytes: number): string =>
  bytes < 1024
    ? `${bytes} B`
    : bytes < 1024 * 1024
      ? `${(bytes / 1024).toFixed(1)} KB`
      : `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Saves a blob under its name: the file was fetched with the token, which a bare link cannot carry. */
function saveBlob(blob: Blob, name: string): void {
  const url = URL.createObjectURL(blob);
  const anchor = document.createElement('a');
  anchor.href = url;
  anchor.download = name;
  document.body.appendChild(anchor);
  anchor.click();
  anchor.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export function BureauPage() {
  const { t, api } = useApp();
  const [round, setRound] = useState(0);
  const batches = useAsync(
    () => api.get<{ items: ExchangeBatch[] }>('/exchanges'),
    'exchanges',
    String(round),
  );
  const [busy, setBusy] = useState<string | null>(null);
  const [message, setMessage] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(undefined);

  const act = async (id: string, work: () => Promise<string | null>) => {
    setBusy(id);
    setError(undefined);
    setMessage(null);
    try {
      setMessage(await work());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const download = (batch: ExchangeBatch, name: string) =>
    act(`${batch.batchId}/${name}`, async () => {
      const blob = await api.download(`/exchanges/${batch.batchId}/files/${encodeURIComponent(name)}`);
      saveBlob(blob, `exchange-${batch.sequence}-${name}`);
      return t('bureau.downloaded', { name });
    });

  const acknowledge = (batch: ExchangeBatch) =>
    act(`${batch.batchId}/ack`, async () => {
      await api.post(`/exchanges/${batch.batchId}/acknowledgement`);
      setRound((n) => n + 1);
      return null;
    });

  const run = () =>
    act('run', async () => {
      await api.post('/exchanges');
      setRound((n) => n + 1);
      return null;
    });

  return (
    <section aria-labelledby="page-title">
      <h1 id="page-title" tabIndex={-1}>
        {t('bureau.title')}
      </h1>
      <button type="button" class="primary" disabled={busy !== null} onClick={() => void run()}>
        {busy === 'run' ? t('bureau.running') : t('bureau.run')}
      </button>
      {message && (
        <p class="notice notice-ok" role="status">
          {message}
        </p>
      )}
      {error !== undefined && <ErrorMessage error={error} />}
      {batches.error !== undefined && <ErrorMessage error={batches.error} onRetry={batches.reload} />}
      {batches.loading && !batches.data && <Loading />}
      {batches.data && batches.data.items.length === 0 && <p>{t('bureau.empty')}</p>}
      {batches.data && batches.data.items.length > 0 && (
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th scope="col" class="num">
                  {t('bureau.sequence')}
                </th>
                <th scope="col">{t('bureau.generatedAt')}</th>
                <th scope="col" class="num">
                  {t('bureau.rows')}
                </th>
                <th scope="col">{t('bureau.files')}</th>
                <th scope="col">{t('bureau.acknowledged')}</th>
              </tr>
            </thead>
            <tbody>
              {batches.data.items.map((batch) => (
                <tr key={batch.batchId} data-batch={batch.sequence}>
                  <th scope="row" class="num">
                    {batch.sequence}
                  </th>
                  <td>{formatDateTime(batch.generatedAt)}</td>
                  <td class="num">{batch.rowCount}</td>
                  <td>
                    <ul class="files">
                      {batch.files.map((file) => (
                        <li key={file.name}>
                          <button
                            type="button"
                            class="link"
                            disabled={busy !== null}
                            onClick={() => void download(batch, file.name)}
                          >
                            {t('bureau.download', { name: file.name, size: size(file.size) })}
                          </button>
                        </li>
                      ))}
                    </ul>
                  </td>
                  <td>
                    {batch.acknowledgedAt ? (
                      t('bureau.acknowledgedBy', {
                        by: batch.acknowledgedBy ?? '—',
                        at: formatDateTime(batch.acknowledgedAt),
                      })
                    ) : (
                      <button type="button" disabled={busy !== null} onClick={() => void acknowledge(batch)}>
                        {t('bureau.acknowledge')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
