import { createContext, useContext } from 'react';
import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import { TWEET_BUCKETS, type Change, type DurationStats, type Figures, type FigureChanges, type TimeMetric } from '../../lib/metrics';
import type { SiteSplit } from '../../lib/metrics/site-split';
import type { Platform } from '../../lib/schema/taxonomy';
import { plural } from './plural';
import './figures.css';

const pct = new Intl.NumberFormat(undefined, { style: 'percent', maximumFractionDigits: 0 });
const dec = new Intl.NumberFormat(undefined, { maximumFractionDigits: 1 });
const money = new Intl.NumberFormat(undefined, { maximumFractionDigits: 2, minimumFractionDigits: 2 });
const NONE = () => i18n.t('popup.none');

const rate = (r: number | null) => (r === null ? NONE() : pct.format(r));
const ms = (v: number | null) => (v === null ? NONE() : formatDuration(v));
const num = (v: number | null) => (v === null ? NONE() : dec.format(v));

/** "+3", "−12m", "+5 pts"; lower is better for times, higher for rates and counts. */
function Delta({ change, kind, lowerIsBetter = false }: { change: Change | undefined; kind: 'count' | 'ms' | 'rate' | 'number'; lowerIsBetter?: boolean }) {
  const d = change?.delta ?? null;
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

/** A site's name as the figures show it. */
export function siteName(site: Platform | 'all'): string {
  return site === 'all' ? i18n.t('facebook.allSites') : site === 'x' ? i18n.t('facebook.siteX') : i18n.t('facebook.siteFacebook');
}

/** Each card's headline value, as text: what the per-site line shows for each site. */
const HEADLINE: Record<string, (f: Figures) => string> = {
  replies: (f) => String(f.replies.count),
  responseTime: (f) => ms(f.responseTime.calendar.median),
  firstResponseTime: (f) => ms(f.firstResponseTime.calendar.median),
  resolutionTime: (f) => ms(f.resolutionTime.calendar.median),
  tweetsToResolve: (f) => num(f.tweetsToResolve.mean),
  fcr: (f) => rate(f.fcr.rate),
  sentimentRecovery: (f) => rate(f.sentimentRecovery.rate),
  slaFirst: (f) => rate(f.sla.firstResponse.withinTarget.rate),
  slaAll: (f) => rate(f.sla.allReplies.withinTarget.rate),
  escalation: (f) => rate(f.escalation.rate),
  replyRate: (f) => rate(f.replyRate.rate),
};

/** "By site: X 12m · Facebook 40m", under a card's headline (issue 8). */
function SplitLine({ id, split }: { id: string; split: SiteSplit }) {
  const headline = HEADLINE[id];
  if (!headline) return null;
  return (
    <p className="small split" data-split={id}>
      {i18n.t('popupsplit.bySite')}{' '}
      {split.map(({ platform, figures }, i) => (
        <span key={platform} data-site={platform}>
          {i > 0 && ' · '}
          {siteName(platform)} <span data-value="site">{headline(figures)}</span>
        </span>
      ))}
    </p>
  );
}

/** The per-site figures of the grid being drawn, for its cards' split lines. */
const SplitContext = createContext<SiteSplit | null>(null);

function Card({ id, title, children }: { id: string; title: string; children: React.ReactNode }) {
  const split = useContext(SplitContext);
  return (
    <section className="card" aria-labelledby={`fig-${id}`} data-figure={id}>
      <h3 id={`fig-${id}`}>{title}</h3>
      {children}
      {split && <SplitLine id={id} split={split} />}
    </section>
  );
}

/** "median 12m · p90 18m · mean 13m · n=2"; `prefix` names the business values apart (data-value="business-p90"). */
function Stats({ stats, prefix = '', label }: { stats: DurationStats; prefix?: string; label?: string }) {
  return (
    <p className="small" data-time={prefix ? 'business' : 'calendar'}>
      {label && <strong>{label}: </strong>}
      {i18n.t('popup.median')} <span data-value={`${prefix}median`}>{ms(stats.median)}</span> · {i18n.t('popup.p90')}{' '}
      <span data-value={`${prefix}p90`}>{ms(stats.p90)}</span> · {i18n.t('popup.mean')} <span data-value={`${prefix}mean`}>{ms(stats.mean)}</span> · n=
      <span data-value={`${prefix}count`}>{stats.count}</span>
    </p>
  );
}

/**
 * A time metric: the calendar median large, then median, p90 and mean in calendar time and,
 * when a schedule is set, the same three in business time, each row saying which it is.
 */
function TimeCard({ id, title, metric, change }: { id: string; title: string; metric: TimeMetric; change: FigureChanges['responseTime'] | undefined }) {
  const c = metric.calendar;
  const b = metric.business;
  return (
    <Card id={id} title={title}>
      <p className="big">
        <span data-value="big">{ms(c.median)}</span> <Delta change={change?.calendar.median} kind="ms" lowerIsBetter />
      </p>
      <Stats stats={c} label={b ? i18n.t('popup2.calendar') : undefined} />
      {b && <Stats stats={b} prefix="business-" label={i18n.t('popup2.business')} />}
    </Card>
  );
}

/** A share: "67%", its change, and "2/3" under it. */
function RateCard(props: {
  id: string;
  title: string;
  share: { met: number; total: number; rate: number | null };
  change: Change | undefined;
  lowerIsBetter?: boolean;
  note?: string;
  /** The share in words ("2 of 11 cycles") instead of "2/11". */
  words?: string;
}) {
  const { share } = props;
  return (
    <Card id={props.id} title={props.title}>
      <p className="big">
        <span data-value="rate">{rate(share.rate)}</span> <Delta change={props.change} kind="rate" lowerIsBetter={props.lowerIsBetter} />
      </p>
      <p className="small">
        <span data-value="share" data-met={share.met} data-total={share.total}>
          {props.words ?? `${share.met}/${share.total}`}
        </span>
        {props.note && ` ${props.note}`}
      </p>
    </Card>
  );
}

export interface FigureGridProps {
  figures: Figures;
  /** Against the previous period of equal length; without it the cards show no change. */
  changes?: FigureChanges | null;
  /** The schedule's time zone when one is set (SLA shares count business hours then). */
  businessZone: string | null;
  /** The same figures per site (lib/metrics/site-split): a line under each card. */
  split?: SiteSplit | null;
  /** Whose figures: the agent's own (the popup, "your replies") or the team's (the report). */
  team?: boolean;
}

/**
 * The figure cards of DESIGN §4, shared by the popup (the agent's own figures) and the
 * team report (the team's).
 */
export function FigureGrid({ figures: f, changes, businessZone, split = null, team = false }: FigureGridProps) {
  const ch = changes ?? undefined;
  const ttr = f.tweetsToResolve;
  const maxDist = Math.max(1, ...ttr.distribution);
  const slaNote = businessZone ? i18n.t('popup2.slaBusiness') : undefined;
  return (
    <SplitContext.Provider value={split}>
    {businessZone && <p className="small legend">{i18n.t('popup2.businessLegend', { zone: businessZone })}</p>}
    {f.approximateTimes > 0 && (
      <p className="small legend" data-testid="approximate-left-out">
        {plural('facebook.approximateLeftOut', f.approximateTimes)}
      </p>
    )}
    <div className="grid figure-grid">
      <Card id="replies" title={i18n.t('popup.replies')}>
        <p className="big">
          <span data-value="count">{f.replies.count}</span> <Delta change={ch?.replies} kind="count" />
        </p>
      </Card>
      <TimeCard id="responseTime" title={i18n.t('popup.responseTime')} metric={f.responseTime} change={ch?.responseTime} />
      <TimeCard id="firstResponseTime" title={i18n.t('popup.firstResponseTime')} metric={f.firstResponseTime} change={ch?.firstResponseTime} />
      <TimeCard id="resolutionTime" title={i18n.t('popup.resolutionTime')} metric={f.resolutionTime} change={ch?.resolutionTime} />
      <Card id="tweetsToResolve" title={i18n.t('popup.tweetsToResolve')}>
        <p className="big">
          <span data-value="mean">{num(ttr.mean)}</span> <Delta change={ch?.tweetsToResolve.mean} kind="number" lowerIsBetter />
        </p>
        <p className="small">
          {i18n.t('popup.median')} <span data-value="median">{num(ttr.median)}</span> · {team ? i18n.t('popupsplit.brandRepliesToResolve') : i18n.t('popup.brandRepliesToResolve')}{' '}
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
          <span data-value="rate">{rate(f.fcr.rate)}</span> <Delta change={ch?.fcrRate} kind="rate" />
        </p>
        <p className="small">
          <span data-value="numerator">{f.fcr.numerator}</span>/<span data-value="denominator">{f.fcr.denominator}</span>
          {f.fcr.provisional && <> · {i18n.t('popup.provisional')}</>}
        </p>
      </Card>
      <Card id="sentimentRecovery" title={i18n.t('popup.sentimentRecovery')}>
        <p className="big">
          <span data-value="rate">{rate(f.sentimentRecovery.rate)}</span> <Delta change={ch?.sentimentRecoveryRate} kind="rate" />
        </p>
        <p className="small">
          {f.sentimentRecovery.recovered}/{f.sentimentRecovery.negativeStarts}
          {f.sentimentRecovery.unknown > 0 && <> · {plural('popup2.unknownSentiment', f.sentimentRecovery.unknown)}</>}
        </p>
      </Card>
      <RateCard id="slaFirst" title={i18n.t('popup.slaFirst')} share={f.sla.firstResponse.withinTarget} change={ch?.sla.firstResponseWithinTarget} note={slaNote} />
      <RateCard id="slaAll" title={i18n.t('popup.slaAll')} share={f.sla.allReplies.withinTarget} change={ch?.sla.allRepliesWithinTarget} note={slaNote} />
      <RateCard
        id="escalation"
        title={i18n.t('popup.escalationRate')}
        share={{ met: f.escalation.escalated, total: f.escalation.cycles, rate: f.escalation.rate }}
        change={ch?.escalationRate}
        lowerIsBetter
        words={plural('popup2.ofCycles', f.escalation.cycles, { met: String(f.escalation.escalated) })}
      />
      <RateCard
        id="replyRate"
        title={i18n.t('popup.replyRate')}
        share={{ met: f.replyRate.answered, total: f.replyRate.customerMessages, rate: f.replyRate.rate }}
        change={ch?.replyRate}
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
    </SplitContext.Provider>
  );
}
