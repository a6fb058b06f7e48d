import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import type { OpenCase } from '../../lib/metrics';

/** Open cases, most urgent first; a click opens the thread in a new tab. */
export function OpenCases({ cases, now, open }: { cases: OpenCase[]; now: number; open: (url: string) => void }) {
  return (
    <section aria-labelledby="open-cases">
      <h2 id="open-cases">
        {i18n.t('popup.openCases')} <span className="muted">({cases.length})</span>
      </h2>
      {cases.length === 0 ? (
        <p className="muted">{i18n.t('popup.noOpenCases')}</p>
      ) : (
        <ol className="cases">
          {cases.map((c) => (
            <li key={c.caseKey}>
              <a
                href={c.permalink}
                onClick={(e) => {
                  e.preventDefault();
                  open(c.permalink);
                }}
              >
                <span className="who">@{c.customer}</span>
                <span className="snippet">{c.text}</span>
                <span className={c.overdue ? 'due late' : 'due'}>
                  {c.deadline === null
                    ? ''
                    : c.overdue
                      ? i18n.t('popup.overdue', { duration: formatDuration(now - c.deadline) })
                      : i18n.t('popup.dueIn', { duration: formatDuration(c.deadline - now) })}
                </span>
              </a>
            </li>
          ))}
        </ol>
      )}
    </section>
  );
}
