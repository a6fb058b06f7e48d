import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { messagesText } from '../../components/bar/plural';
import type { MessageView } from '../../lib/messaging/protocol';
import { loadMessages, translator } from '../i18n-messages';
import { mountBar } from './bar-harness';

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

afterEach(() => {
  document.body.innerHTML = '';
});

function renderBar(v: MessageView, fromBrand = false) {
  return mountBar({ id: v.id, problem: null, fromBrand }, v).bar;
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
    tags: 'Set tags for this post',
    messages: ['0 messages', '1 message', '2 messages', '5 messages', '20 messages', '101 messages'],
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
    clock: ['Esperando 45m', '15m de retraso', '5 mensajes'],
    tags: 'Etiquetas de esta publicación',
    messages: ['0 mensajes', '1 mensaje', '2 mensajes', '5 mensajes', '20 mensajes', '101 mensajes'],
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
    clock: ['Așteaptă de 45m', 'Întârziere: 15m', '5 mesaje'],
    tags: 'Etichete pentru această postare',
    messages: ['0 mesaje', '1 mesaj', '2 mesaje', '5 mesaje', '20 de mesaje', '101 mesaje'],
    escalate: 'Mutați clientul pe DM sau telefon?',
    teammate: 'Răspunsul unui coleg',
    claim: 'Acest răspuns e al meu',
    skipped: 'Omisă: această postare nu are un ID vizibil',
  },
];

describe.each(CASES)('the tag bar in $locale', (c) => {
  it('labels every chip of a customer post in that language', async () => {
    useLocale(c.locale);
    const bar = renderBar(escalatedLate);
    await userEvent.setup().click(bar.getByRole('button', { name: c.tags }));
    const chips = (group: string) => bar.getAllByRole('button').filter((b) => b.closest(`[aria-label="${group}"]`)).map((b) => b.textContent);
    const [types, statuses, sentiments] = c.groups;
    expect(chips(types!)).toEqual(c.types);
    expect(chips(statuses!)).toEqual(c.statuses);
    expect(chips(sentiments!)).toEqual(c.sentiments);
    expect(chips(c.channelGroup)).toEqual(c.channels);
    expect(bar.getByRole('button', { name: c.types[0] })).toHaveAttribute('title', c.shortcut);
    expect(bar.getByRole('button', { name: c.noReply })).toBeInTheDocument();
  });

  it('counts messages by the plural rules of that language (0, 1, 2, 5, 20, 101)', () => {
    useLocale(c.locale);
    expect([0, 1, 2, 5, 20, 101].map(messagesText)).toEqual(c.messages);
  });

  it('shows the case clock and the escalation hint in that language', () => {
    useLocale(c.locale);
    const bar = renderBar(escalatedLate);
    for (const text of c.clock) expect(bar.getByRole('timer')).toHaveTextContent(text);
    expect(bar.getByRole('note')).toHaveAccessibleName(expect.stringContaining(c.escalate));
  });

  it('shows the sender of a brand post in that language', () => {
    useLocale(c.locale);
    const bar = renderBar(view({ id: '102', sentBy: 'teammate' }), true);
    expect(bar.getByText(c.teammate)).toBeInTheDocument();
    expect(bar.getByRole('button', { name: c.claim })).toBeInTheDocument();
  });

  it('explains a skipped post in that language', () => {
    useLocale(c.locale);
    const { bar } = mountBar({ id: null, problem: 'no-permalink', fromBrand: false });
    expect(bar.getByRole('status')).toHaveTextContent(c.skipped);
  });
});
