import { render, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TagBar } from '../../components/bar/TagBar';
import type { MessageView } from '../../lib/messaging/protocol';
import { createOverlayStore, putViews } from '../../lib/overlay/store';
import { loadMessages, translator } from '../i18n-messages';

// One file, three languages: the mock's translator is replaced when a test switches (as a
// page gets another i18n.t in another language; the bar keeps its labels per translator).
const current = vi.hoisted(() => ({ t: (_key: string, _subs?: unknown): string => '' }));
vi.mock('#i18n', () => ({ i18n: current }));

function useLocale(locale: string) {
  current.t = translator(loadMessages(locale));
}
afterEach(() => useLocale('en'));

const NOW = Date.UTC(2026, 10, 2, 12, 0);
const view = (over: Partial<MessageView> = {}): MessageView => ({
  id: '101', stored: true, queryType: null, status: null, channel: null, sentiment: null,
  noReplyNeeded: false, sentBy: null, clock: null, waiting: true, latest: true, ...over,
});

function renderBar(v: MessageView, fromBrand = false) {
  const store = createOverlayStore(NOW);
  putViews(store, [v]);
  render(<TagBar slot={{ id: v.id, problem: null, fromBrand }} store={store} onTag={vi.fn()} />);
}

/** A customer post escalated 45 minutes ago, 15 minutes past the target, five messages in. */
const escalatedLate = view({
  status: 'escalated',
  clock: { caseKey: 'x:1:dana', cycleStart: NOW - 3 * 3600_000, waitingSince: NOW - 45 * 60_000, deadline: NOW - 15 * 60_000, limitAt: null, exchanged: 5, status: 'escalated', escalationSuggested: true },
});

const CASES = [
  {
    locale: 'en',
    types: ['Complaint', 'Feedback', 'Recommendation', 'Technical question', 'Response', 'Other'],
    statuses: ['Open', 'Pending', 'Escalated', 'Resolved'],
    sentiments: ['Negative', 'Neutral', 'Positive'],
    groups: ['Query type', 'Status', 'Customer sentiment (set by you)'],
    channelGroup: 'Moved to',
    channels: ['DM', 'Phone', 'E-mail', 'Chat'],
    noReply: 'No reply needed',
    shortcut: 'Key: 1',
    clock: ['Waiting 45m', '15m late', '5 messages'],
    escalate: 'move this customer to DM or phone?',
    teammate: "Teammate's reply",
    claim: 'This reply is mine',
    skipped: 'Skipped: this post shows no id',
  },
  {
    locale: 'es',
    types: ['Queja', 'Opinión', 'Recomendación', 'Consulta técnica', 'Respuesta', 'Otro'],
    statuses: ['Abierto', 'Pendiente', 'Escalado', 'Resuelto'],
    sentiments: ['Negativo', 'Neutro', 'Positivo'],
    groups: ['Tipo de consulta', 'Estado', 'Sentimiento del cliente (lo indicas tú)'],
    channelGroup: 'Derivado a',
    channels: ['DM', 'Teléfono', 'Correo', 'Chat'],
    noReply: 'No requiere respuesta',
    shortcut: 'Tecla: 1',
    clock: ['Esperando 45m', '15m de retraso', 'Mensajes: 5'],
    escalate: '¿derivar al cliente a DM o teléfono?',
    teammate: 'Respuesta de otro agente',
    claim: 'Esta respuesta es mía',
    skipped: 'Omitida: esta publicación no muestra su ID',
  },
  {
    locale: 'ro',
    types: ['Reclamație', 'Părere', 'Recomandare', 'Întrebare tehnică', 'Răspuns', 'Altele'],
    statuses: ['Deschis', 'În așteptare', 'Escaladat', 'Rezolvat'],
    sentiments: ['Negativ', 'Neutru', 'Pozitiv'],
    groups: ['Tip de solicitare', 'Stare', 'Sentimentul clientului (setat de dvs.)'],
    channelGroup: 'Mutat pe',
    channels: ['DM', 'Telefon', 'E-mail', 'Chat'],
    noReply: 'Nu necesită răspuns',
    shortcut: 'Tasta: 1',
    clock: ['Așteaptă de 45m', 'Întârziere: 15m', 'Mesaje: 5'],
    escalate: 'Mutați clientul pe DM sau telefon?',
    teammate: 'Răspunsul unui coleg',
    claim: 'Acest răspuns e al meu',
    skipped: 'Omisă: această postare nu are un ID vizibil',
  },
];

describe.each(CASES)('the tag bar in $locale', (c) => {
  it('labels every chip of a customer post in that language', () => {
    useLocale(c.locale);
    renderBar(escalatedLate);
    const chips = (group: string) => within(screen.getByRole('group', { name: group })).getAllByRole('button').map((b) => b.textContent);
    const [types, statuses, sentiments] = c.groups;
    expect(chips(types!)).toEqual(c.types);
    expect(chips(statuses!)).toEqual(c.statuses);
    expect(chips(sentiments!)).toEqual(c.sentiments);
    expect(chips(c.channelGroup)).toEqual(c.channels);
    expect(screen.getByRole('button', { name: c.types[0] })).toHaveAttribute('title', c.shortcut);
    expect(screen.getByRole('button', { name: c.noReply })).toBeInTheDocument();
  });

  it('shows the case clock and the escalation hint in that language', () => {
    useLocale(c.locale);
    renderBar(escalatedLate);
    for (const text of c.clock) expect(screen.getByRole('timer')).toHaveTextContent(text);
    expect(screen.getByRole('note')).toHaveTextContent(c.escalate);
  });

  it('shows the sender of a brand post in that language', () => {
    useLocale(c.locale);
    renderBar(view({ id: '102', sentBy: 'teammate' }), true);
    expect(screen.getByText(c.teammate)).toBeInTheDocument();
    expect(screen.getByRole('button', { name: c.claim })).toBeInTheDocument();
  });

  it('explains a skipped post in that language', () => {
    useLocale(c.locale);
    const store = createOverlayStore(NOW);
    render(<TagBar slot={{ id: null, problem: 'no-permalink', fromBrand: false }} store={store} onTag={vi.fn()} />);
    expect(screen.getByRole('status')).toHaveTextContent(c.skipped);
  });
});
