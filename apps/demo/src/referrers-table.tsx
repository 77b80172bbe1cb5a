import { useReferrers } from '@referkit/react';
import { useId, useState } from 'react';
import { formatDate, formatDateTime, plural, SOURCE_LABELS } from './format';
import { useDebouncedValue } from './use-debounced-value';

/** Referrers per page. */
export const PAGE_SIZE = 25;

/** The campaign's referrers: search by name or email, one page at a time. */
export function ReferrersTable({ campaignId }: { campaignId: string }) {
  const searchId = useId();
  const captionId = useId();
  const [search, setSearch] = useState('');
  const q = useDebouncedValue(search.trim());
  const [pageIndex, setPageIndex] = useState(0);
  const [lastQ, setLastQ] = useState(q);
  if (q !== lastQ) {
    setLastQ(q);
    setPageIndex(0);
  }

  const referrers = useReferrers(campaignId, { q: q || undefined, limit: PAGE_SIZE });
  const pages = referrers.data?.pages ?? [];
  const page = pages[Math.min(pageIndex, Math.max(pages.length - 1, 0))];
  const rows = page?.referrers ?? [];
  const total = pages[0]?.total ?? 0;
  const first = total === 0 ? 0 : pageIndex * PAGE_SIZE + 1;
  const last = pageIndex * PAGE_SIZE + rows.length;
  const hasNext = pageIndex < pages.length - 1 || Boolean(page?.nextCursor);

  const next = async () => {
    if (pageIndex >= pages.length - 1) {
      const result = await referrers.fetchNextPage();
      if (result.isError) return;
    }
    setPageIndex((index) => index + 1);
  };

  return (
    <section className="demo-panel" aria-labelledby={captionId}>
      <div className="demo-table-toolbar">
        <h2 id={captionId}>All Referrers</h2>
        <div className="demo-search">
          <label htmlFor={searchId}>Search by name or email</label>
          <input
            id={searchId}
            type="search"
            value={search}
            placeholder="e.g. maria or @gmail.com"
            onChange={(event) => setSearch(event.target.value)}
          />
        </div>
      </div>
      {referrers.isError ? (
        <div className="demo-error" role="alert">
          <p>Could not load referrers: {referrers.error.message}</p>
          <button type="button" className="demo-button" onClick={() => referrers.refetch()}>
            Try again
          </button>
        </div>
      ) : null}
      <div className="demo-table-wrap">
        <table
          className="demo-table"
          aria-labelledby={captionId}
          aria-busy={referrers.isFetching}
          data-query={q}
        >
          <thead>
            <tr>
              <th scope="col">First Name</th>
              <th scope="col">Email</th>
              <th scope="col">Referral Link</th>
              <th scope="col">Source</th>
              <th scope="col">Added</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((referrer) => (
              <tr key={referrer.id}>
                <td>{referrer.firstName}</td>
                <td>{referrer.email}</td>
                <td>
                  <a
                    href={referrer.referralLink}
                    className="demo-link"
                    target="_blank"
                    rel="noreferrer"
                  >
                    {referrer.referralLink}
                  </a>
                </td>
                <td>{SOURCE_LABELS[referrer.source]}</td>
                <td>
                  <time dateTime={referrer.createdAt} title={formatDateTime(referrer.createdAt)}>
                    {formatDate(referrer.createdAt)}
                  </time>
                </td>
              </tr>
            ))}
            {rows.length === 0 && !referrers.isPending ? (
              <tr>
                <td colSpan={5} className="demo-empty">
                  {q
                    ? `No referrers match “${q}”.`
                    : 'No referrers yet. Use + Add Referrers to sync, upload or add some.'}
                </td>
              </tr>
            ) : null}
          </tbody>
        </table>
      </div>
      <div className="demo-pager">
        <p role="status" className="demo-muted">
          {referrers.isPending
            ? 'Loading referrers…'
            : total === 0
              ? plural(0, 'referrer')
              : `Showing ${first}–${last} of ${plural(total, 'referrer')}`}
        </p>
        <div className="demo-pager-buttons">
          <button
            type="button"
            className="demo-button demo-button-secondary"
            disabled={pageIndex === 0}
            onClick={() => setPageIndex((index) => Math.max(0, index - 1))}
          >
            Previous page
          </button>
          <button
            type="button"
            className="demo-button demo-button-secondary"
            disabled={!hasNext || referrers.isFetchingNextPage}
            onClick={next}
          >
            Next page
          </button>
        </div>
      </div>
    </section>
  );
}
