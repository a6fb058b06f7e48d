import { useStore } from 'zustand';
import { i18n } from '#i18n';
import { formatDuration } from '../../lib/format/duration';
import type { MessageView } from '../../lib/messaging/protocol';
import type { OverlayState, OverlayStore } from '../../lib/overlay/store';
import { SHORTCUT_LABELS } from '../../lib/overlay/shortcuts';
import type { TagPatch } from '../../lib/schema/records';
import { CHANNELS, QUERY_TYPES, SENTIMENTS, STATUSES, type TextNote } from '../../lib/schema/taxonomy';
import type { Problem } from '../../lib/sites/types';

export interface BarSlot {
  /** Platform id of the post; null when it could not be read (then `problem` says why). */
  id: string | null;
  problem: Problem | null;
  fromBrand: boolean;
  /** The stored text is X's translation, or an Article's title only (lib/sites/types.ts). */
  textNote?: TextNote;
}

const SKIPPED = {
  'no-permalink': 'bar.skipped.noPermalink',
  'no-author': 'integrity.skipped.noAuthor',
  'time-out-of-range': 'integrity.skipped.timeOutOfRange',
  'no-time': 'bar.skipped.noTime',
  'bad-time': 'bar.skipped.badTime',
  unavailable: 'bar.skipped.unavailable',
  promoted: 'bar.skipped.promoted',
} as const;

/**
 * Labels that do not depend on the post, read once per page: each i18n.t is a call into the
 * browser (getMessage), and a bar has some thirty of them.
 */
const labels = new Map<string, string>();
/** The translator the labels came from: another one (another language) starts afresh. */
let labelsOf: unknown = null;
function once(key: string, read: () => string): string {
  if (labelsOf !== i18n.t) {
    labels.clear();
    labelsOf = i18n.t;
  }
  let v = labels.get(key);
  if (v === undefined) labels.set(key, (v = read()));
  return v;
}

/** The compact bar under one post: one click per tag. */
export function TagBar({ slot, store, onTag }: { slot: BarSlot; store: OverlayStore; onTag: (patch: TagPatch) => void }) {
  const paused = useStore(store, (s) => s.paused);
  const view = useStore(store, (s) => (slot.id ? s.views[slot.id] : undefined));
  const saving = useStore(store, (s) => (slot.id ? (s.saving[slot.id] ?? 0) > 0 : false));
  const error = useStore(store, (s) => (slot.id ? s.errors[slot.id] : undefined));
  const storageProblem = useStore(store, (s) => s.storageProblem);
  const now = useStore(store, (s) => s.now);

  if (paused) {
    return (
      <div className="bar notice paused" role="status">
        {paused.identity?.kind === 'noBrand'
          ? i18n.t('integrity.noBrand')
          : paused.identity?.kind === 'otherAccount'
            ? i18n.t('integrity.otherAccount', { shown: paused.identity.shown, kept: paused.identity.kept })
            : i18n.t('bar.paused', { missing: paused.missing.join(', ') })}
      </div>
    );
  }
  if (!slot.id) {
    return (
      <div className="bar notice" role="status">
        {i18n.t(SKIPPED[slot.problem ?? 'no-permalink'])}
      </div>
    );
  }

  const pick = <K extends keyof TagPatch>(field: K, value: TagPatch[K], current: unknown) =>
    onTag({ [field]: current === value ? null : value } as TagPatch);

  return (
    <div className="bar" role="group" aria-label={once('bar.label', () => i18n.t('bar.label'))} data-saving={saving || undefined}>
      {!slot.fromBrand && (
        <Chips label={once('bar.typeGroup', () => i18n.t('bar.typeGroup'))} className="type">
          {QUERY_TYPES.map((q) => (
            <Chip key={q} name={q} pressed={view?.queryType === q} text={once(`queryType.${q}`, () => i18n.t(`queryType.${q}`))} onClick={() => pick('queryType', q, view?.queryType)} />
          ))}
        </Chips>
      )}
      <Chips label={once('bar.statusGroup', () => i18n.t('bar.statusGroup'))} className="status">
        {STATUSES.map((s) => (
          <Chip key={s} name={s} pressed={view?.status === s} text={once(`status.${s}`, () => i18n.t(`status.${s}`))} onClick={() => pick('status', s, view?.status)} />
        ))}
      </Chips>
      {view?.status === 'escalated' && (
        <Chips label={once('bar.channelGroup', () => i18n.t('bar.channelGroup'))} className="channel">
          {CHANNELS.map((c) => (
            <Chip key={c} name={c} pressed={view.channel === c} text={once(`channel.${c}`, () => i18n.t(`channel.${c}`))} onClick={() => onTag({ channel: view.channel === c ? null : c })} />
          ))}
        </Chips>
      )}
      {!slot.fromBrand && (
        <Chips label={once('bar.sentimentGroup', () => i18n.t('bar.sentimentGroup'))} className="sentiment">
          {SENTIMENTS.map((s) => (
            <Chip key={s} name={s} pressed={view?.sentiment === s} text={once(`sentiment.${s}`, () => i18n.t(`sentiment.${s}`))} onClick={() => pick('sentiment', s, view?.sentiment)} />
          ))}
        </Chips>
      )}
      {!slot.fromBrand && (
        <Chip name="noReplyNeeded" pressed={!!view?.noReplyNeeded} text={once('bar.noReplyNeeded', () => i18n.t('bar.noReplyNeeded'))} onClick={() => onTag({ noReplyNeeded: !view?.noReplyNeeded })} />
      )}
      {slot.fromBrand && <Sender view={view} onTag={onTag} />}
      {!slot.fromBrand && view?.clock && (view.waiting || view.latest) && <Clock view={view} clock={view.clock} now={now} />}
      {slot.textNote && <span className="note">{i18n.t(slot.textNote === 'translated' ? 'integrity.translated' : 'integrity.articleBody')}</span>}
      {saving && storageProblem ? (
        <span className="error" role="alert">
          {storageMessage(storageProblem)}
        </span>
      ) : (
        saving && <span className="saving">{i18n.t('bar.saving')}</span>
      )}
      {error && (
        <span className="error" role="alert">
          {i18n.t('bar.refused', { reason: error })}
        </span>
      )}
    </div>
  );
}

/** "Threadmark can't reach its storage: …", shown in the bars whose tags wait for it. */
export function storageMessage(p: NonNullable<OverlayState['storageProblem']>): string {
  const reason = p.problem === 'failed' ? i18n.t('storage.reason.failed', { detail: p.detail }) : i18n.t(`storage.reason.${p.problem}`);
  return i18n.t('storage.unreachable', { reason });
}

function Sender({ view, onTag }: { view: MessageView | undefined; onTag: (p: TagPatch) => void }) {
  const mine = view?.sentBy === 'me';
  return (
    <span className="sender">
      <span className={mine ? 'who mine' : 'who'}>{i18n.t(mine ? 'bar.mine' : 'bar.teammate')}</span>
      <button type="button" className="link" onClick={() => onTag({ sentBy: mine ? 'teammate' : 'me' })}>
        {i18n.t(mine ? 'bar.unclaim' : 'bar.claim')}
      </button>
    </span>
  );
}

/**
 * The case clock: on every post still waiting, how long and how much time is left; on the
 * case's newest customer post also the messages exchanged and the escalation hint.
 */
function Clock({ view, clock, now }: { view: MessageView; clock: NonNullable<MessageView['clock']>; now: number }) {
  if (clock.status === 'resolved' && clock.cycleStart === null) {
    return view.latest ? <span className="clock done">{i18n.t('bar.resolved')}</span> : null;
  }
  const parts: React.ReactNode[] = [];
  if (view.waiting && clock.waitingSince !== null) {
    parts.push(<span key="w">{i18n.t('bar.waiting', { duration: formatDuration(now - clock.waitingSince) })}</span>);
    if (clock.deadline !== null) {
      const late = now > clock.deadline;
      parts.push(
        <span key="d" className={late ? 'late' : 'left'}>
          {i18n.t(late ? 'bar.late' : 'bar.left', { duration: formatDuration(clock.deadline - now) })}
        </span>,
      );
    }
  } else if (view.latest && clock.cycleStart !== null) {
    parts.push(<span key="a">{i18n.t('bar.answered')}</span>);
  }
  if (view.latest && clock.exchanged > 0) parts.push(<span key="n">{i18n.t('bar.exchanged', { count: String(clock.exchanged) })}</span>);
  if (!parts.length) return null;
  return (
    <span className="clock" role="timer">
      {parts}
      {view.latest && clock.escalationSuggested && (
        <span className="escalate" role="note">
          {i18n.t('bar.escalate', { count: String(clock.exchanged) })}
        </span>
      )}
    </span>
  );
}

function Chips({ label, className, children }: { label: string; className: string; children: React.ReactNode }) {
  return (
    <span role="group" aria-label={label} className={`chips ${className}`}>
      {children}
    </span>
  );
}

function Chip({ name, text, pressed, onClick }: { name: string; text: string; pressed: boolean; onClick: () => void }) {
  const key = SHORTCUT_LABELS[name];
  return (
    <button
      type="button"
      className="chip"
      data-tag={name}
      aria-pressed={pressed}
      title={key ? once(`bar.shortcut.${key}`, () => i18n.t('bar.shortcut', { key })) : undefined}
      onClick={onClick}
    >
      {text}
    </button>
  );
}
