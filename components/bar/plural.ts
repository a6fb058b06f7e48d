import { pluralCategory } from '../../lib/format/plural';
import { label, text } from './labels';

/** "1 message", "2 mesaje", "20 de mesaje": the language of the messages picks its plural rules. */
export function messagesText(count: number): string {
  return text(`bar2.messages.${pluralCategory(label('locale'), count)}`, { count: String(count) });
}
