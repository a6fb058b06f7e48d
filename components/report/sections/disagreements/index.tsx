import { i18n } from '#i18n';
import { settleTeamCredit } from '../../../../lib/db/team';
import type { Channel, QueryType, Sentiment, Status } from '../../../../lib/schema/taxonomy';
import type { Disagreement, TagField } from '../../../../lib/team/merge';
import { useReport } from '../../context';
import { plural } from '../../format';

/** A tag value in words: the same labels as the bar's. */
function shown(field: Disagreement['field'], v: string | boolean | null): string {
  if (v === null) return i18n.t('popup.none');
  if (typeof v === 'boolean') return i18n.t(v ? 'report.conflicts.yes' : 'report.conflicts.no');
  switch (field) {
    case 'queryType':
      return i18n.t(`queryType.${v as QueryType}`);
    case 'status':
      return i18n.t(`status.${v as Status}`);
    case 'channel':
      return i18n.t(`channel.${v as Channel}`);
    case 'sentiment':
      return i18n.t(`sentiment.${v as Sentiment}`);
    default:
      return v;
  }
}

/** Where agents' files disagree: tags (the later one was kept) and replies two agents claim (credited to nobody until settled). */
export function DisagreementsSection() {
  const { data, db, reload, locale } = useReport();
  const credit = data.disagreements.filter((d) => d.field === 'credit');
  const tags = data.disagreements.filter((d) => d.field !== 'credit');
  if (data.disagreements.length === 0) return <p>{i18n.t('report.conflicts.none')}</p>;
  const link = (d: Disagreement) => {
    const href = data.disputed.get(d.key)?.permalink;
    return href && /^https:\/\//.test(href) ? (
      <a href={href} target="_blank" rel="noreferrer">
        {d.key}
      </a>
    ) : (
      d.key
    );
  };
  return (
    <>
      {credit.length > 0 && (
        <>
          <p>{plural('report.conflicts.credit', credit.length, locale)}</p>
          <ul>
            {credit.map((d) => (
              <li key={d.id}>
                {link(d)}{' '}
                {(data.disputed.get(d.key)?.claimants ?? []).map((agent) => (
                  <button
                    key={agent}
                    type="button"
                    onClick={async () => {
                      await settleTeamCredit(db, d.key, agent);
                      await reload();
                    }}
                  >
                    {i18n.t('report.conflicts.creditTo', { agent })}
                  </button>
                ))}
              </li>
            ))}
          </ul>
        </>
      )}
      {tags.length > 0 && (
        <table className="conflicts">
          <caption>{plural('report.conflicts.tags', tags.length, locale)}</caption>
          <thead>
            <tr>
              <th scope="col">{i18n.t('report.conflicts.message')}</th>
              <th scope="col">{i18n.t('report.conflicts.field')}</th>
              <th scope="col">{i18n.t('report.conflicts.kept')}</th>
              <th scope="col">{i18n.t('report.conflicts.lost')}</th>
            </tr>
          </thead>
          <tbody>
            {tags.map((d) => (
              <tr key={d.id}>
                <td>{link(d)}</td>
                <td>{i18n.t(`report.conflicts.fields.${d.field as TagField}`)}</td>
                <td>
                  {shown(d.field, d.kept.value)} ({d.kept.agent})
                </td>
                <td>
                  {shown(d.field, d.other.value)} ({d.other.agent})
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
