import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import { TWEET_BUCKETS, type Change, type Figures, type FigureChanges, type TimeMetric } from '../../lib/metrics';

const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const NONE = () => i18n.t('popup.none');

const rate = (r: number | null) => (r === null ? NONE() : pct.format(r));
const ms = (v: number | null) => (v === null ? NONE() : formatDuration(v));
const num = (v: number | null) => (v === null ? NONE() : dec.format(v));

/** "+3", "−12m", "+5 pts"; lower is better for times, higher for rates and counts. */
function Delta({ change, kind, lowerIsBetter = false }: { change: Change; kind: 'count' | 'ms' | 'rate' | 'number'; lowerIsBetter?: boolean }) {
  const d = change.delta;
  if (d === null || d === 0) return null;
  const sign = d > 0 ? '+' : '−';
  const abs = Math.abs(d);
  const text = kind === 'ms' ? formatDuration(abs) : kind === 'rate' ? `${Math.round(abs * 100)} pts` : dec.format(abs);
  const good = lowerIsBetter ? d < 0 : d > 0;
  return (
    <span className={good ? 'delta good' : 'delta bad'} title={i18n.t('popup.vsPrevious')}>
      {sign}
      {text}
    </span>
  );
}

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  return (
    <section className="card" aria-labelledby={`fig-${id}`} data-figure={id}>
      <h3 id={`fig-${id}`}>{title}</h3>
      {children}
    </section>
  );
}

function TimeCard({ id, title, metric, change }: { id: string; title: string; metric: TimeMetric; change: FigureChanges['responseTime'] }) {
  const c = metric.calendar;
  return (
    <Card id={id} title={title}>
      <p className="big">
        <span data-value="median">{ms(c.median)}</span> <Delta change={change.calendar.median} kind="ms" lowerIsBetter />
      </p>
      <p className="small">
        {i18n.t('popup.median')} · {i18n.t('popup.p90')} <span data-value="p90">{ms(c.p90)}</span> · {i18n.t('popup.mean')}{' '}
        <span data-value="mean">{ms(c.mean)}</span> · n=<span data-value="count">{c.count}</span>
      </p>
      {metric.business && <p className="small">{i18n.t('popup.businessTime', { median: ms(metric.business.median) })}</p>}
    </Card>
  );
}

/** A share: "67%", its change, and "2/3" under it. */
function RateCard(props: {
  id: string;
  title: string;
  share: { met: number; total: number; rate: number | null };
  change: Change;
  lowerIsBetter?: boolean;
  note?: string;
}) {
  const { share } = props;
  return (
    <Card id={props.id} title={props.title}>
      <p className="big">
        <span data-value="rate">{rate(share.rate)}</span> <Delta change={props.change} kind="rate" lowerIsBetter={props.lowerIsBetter} />
      </p>
      <p className="small">
        {share.met}/{share.total}
        {props.note && ` ${props.note}`}
      </p>
    </Card>
  );
}

export function FigureGrid({ figures: f, changes: ch }: { figures: Figures; changes: FigureChanges }) {
  const ttr = f.tweetsToResolve;
  const maxDist = Math.max(1, ...ttr.distribution);
  return (
    <div className="grid">
      <Card id="replies" title={i18n.t('popup.replies')}>
        <p className="big">
          <span data-value="count">{f.replies.count}</span> <Delta change={ch.replies} kind="count" />
        </p>
      </Card>
      <TimeCard id="responseTime" title={i18n.t('popup.responseTime')} metric={f.responseTime} change={ch.responseTime} />
      <TimeCard id="firstResponseTime" title={i18n.t('popup.firstResponseTime')} metric={f.firstResponseTime} change={ch.firstResponseTime} />
      <TimeCard id="resolutionTime" title={i18n.t('popup.resolutionTime')} metric={f.resolutionTime} change={ch.resolutionTime} />
      <Card id="tweetsToResolve" title={i18n.t('popup.tweetsToResolve')}>
        <p className="big">
          <span data-value="mean">{num(ttr.mean)}</span> <Delta change={ch.tweetsToResolve.mean} kind="number" lowerIsBetter />
        </p>
        <p className="small">
          {i18n.t('popup.median')} <span data-value="median">{num(ttr.median)}</span> · {i18n.t('popup.brandRepliesToResolve')}{' '}
          <span data-value="brandRepliesMean">{num(ttr.brandReplies.mean)}</span>
        </p>
        <div className="dist" role="img" aria-label={`${i18n.t('popup.distribution')}: ${TWEET_BUCKETS.map((b, i) => `${b}: ${ttr.distribution[i]}`).join(', ')}`}>
          {TWEET_BUCKETS.map((b, i) => (
            <span key={b} className="bar-col">
              <span className="bar-fill" style={{ height: `${(ttr.distribution[i]! / maxDist) * 100}%` }} />
              <span className="bar-label">{b}</span>
            </span>
          ))}
        </div>
      </Card>
      <Card id="fcr" title={i18n.t('popup.fcr')}>
        <p className="big">
          <span data-value="rate">{rate(f.fcr.rate)}</span> <Delta change={ch.fcrRate} kind="rate" />
        </p>
        <p className="small">
          <span data-value="numerator">{f.fcr.numerator}</span>/<span data-value="denominator">{f.fcr.denominator}</span>
          {f.fcr.provisional && <> · {i18n.t('popup.provisional')}</>}
        </p>
      </Card>
      <Card id="sentimentRecovery" title={i18n.t('popup.sentimentRecovery')}>
        <p className="big">
          <span data-value="rate">{rate(f.sentimentRecovery.rate)}</span> <Delta change={ch.sentimentRecoveryRate} kind="rate" />
        </p>
        <p className="small">
          {f.sentimentRecovery.recovered}/{f.sentimentRecovery.negativeStarts}
          {f.sentimentRecovery.unknown > 0 && <> · {i18n.t('popup.sentimentUnknown', { count: String(f.sentimentRecovery.unknown) })}</>}
        </p>
      </Card>
      <RateCard id="slaFirst" title={i18n.t('popup.slaFirst')} share={f.sla.firstResponse.withinTarget} change={ch.sla.firstResponseWithinTarget} />
      <RateCard id="slaAll" title={i18n.t('popup.slaAll')} share={f.sla.allReplies.withinTarget} change={ch.sla.allRepliesWithinTarget} />
      <RateCard
        id="escalation"
        title={i18n.t('popup.escalationRate')}
        share={{ met: f.escalation.escalated, total: f.escalation.cycles, rate: f.escalation.rate }}
        change={ch.escalationRate}
        lowerIsBetter
      />
      <RateCard
        id="replyRate"
        title={i18n.t('popup.replyRate')}
        share={{ met: f.replyRate.answered, total: f.replyRate.customerMessages, rate: f.replyRate.rate }}
        change={ch.replyRate}
        note={i18n.t('popup.replyRateNote')}
      />
      {f.cost && (
        <Card id="cost" title={i18n.t('popup.costPerResponse')}>
          <p className="big">
            <span data-value="perResponse">{f.cost.perResponse === null ? NONE() : money.format(f.cost.perResponse)}</span>
          </p>
        </Card>
      )}
    </div>
  );
}
