import { useState } from 'react';
import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import { plural } from '../figures/plural';
import { businessMs, type OpenCase } from '../../lib/metrics';
import type { Schedule } from '../../lib/schema/records';

const deadlineTime = new Intl.DateTimeFormat(undefined, { weekday: 'short', hour: '2-digit', minute: '2-digit' });

/**
 * "due in 16m" / "15m late". With a schedule, deadlines are set in business time (DESIGN
 * §4), so the time left or past is counted in business hours too, and says so; the clock
 * time of the deadline is in the title.
 */
function dueText(c: OpenCase, now: number, schedule: Schedule | null): string {
  if (c.deadline === null) return '';
  if (!schedule) {
    return c.overdue ? i18n.t('popup.overdue', { duration: formatDuration(now - c.deadline) }) : i18n.t('popup.dueIn', { duration: formatDuration(c.deadline - now) });
  }
  return c.overdue
    ? i18n.t('popup2.overdueBusiness', { duration: formatDuration(businessMs(c.deadline, now, schedule)) })
    : i18n.t('popup2.dueInBusiness', { duration: formatDuration(businessMs(now, c.deadline, schedule)) });
}

/** The most urgent open cases the popup lists at first; the rest on request. */
export const OPEN_CASES_SHOWN = 20;

/**
 * Open cases, most urgent first; a click opens the thread in a new tab. Cases that are the
 * agent's by the attribution rule of the figures (`credited`) are marked "yours". A busy
 * agent has hundreds open: the popup lists the most urgent first and the rest on request,
 * so the first paint does not build a list nobody scrolls (issue 7).
 */
export function OpenCases({ cases, now, schedule, open }: { cases: OpenCase[]; now: number; schedule: Schedule | null; open: (url: string) => void }) {
  const [all, setAll] = useState(false);
  const shown = all ? cases : cases.slice(0, OPEN_CASES_SHOWN);
  return (
    <section aria-labelledby="open-cases">
      <h2 id="open-cases">
        {i18n.t('popup.openCases')} <span className="muted">({cases.length})</span>
      </h2>
      {cases.length === 0 ? (
        <p className="muted">{i18n.t('popup.noOpenCases')}</p>
      ) : (
        <ol className="cases">
          {shown.map((c) => (
            <li key={c.caseKey} data-credited={c.credited}>
              <a
                href={c.permalink}
                onClick={(e) => {
                  e.preventDefault();
                  open(c.permalink);
                }}
              >
                <span className="who">
                  {/* X names people by @handle; Facebook by a profile id or vanity name, and says which site. */}
                  {c.platform === 'x' ? `@${c.customer}` : c.customer}
                  <span className="site" data-site={c.platform}> · {c.platform === 'x' ? i18n.t('facebook.siteX') : i18n.t('facebook.siteFacebook')}</span>
                  {c.credited && <span className="yours"> · {i18n.t('popup2.yours')}</span>}
                </span>
                <span className="snippet">{c.text}</span>
                <span
                  className={c.overdue ? 'due late' : 'due'}
                  title={c.deadline === null ? undefined : i18n.t('popup2.deadlineAt', { time: deadlineTime.format(c.deadline) })}
                >
                  {dueText(c, now, schedule)}
                </span>
              </a>
            </li>
          ))}
        </ol>
      )}
      {shown.length < cases.length && (
        <button type="button" className="link" onClick={() => setAll(true)}>
          {plural('popupsplit.showAllCases', cases.length)}
        </button>
      )}
    </section>
  );
}
