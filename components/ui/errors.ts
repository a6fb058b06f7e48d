import { i18n } from '#i18n';

/** Validation messages are i18n keys (`errors.*`); anything else is shown as it is. */
export function translateError(message: string): string {
  if (!message.startsWith('errors.')) return message;
  return i18n.t(message as 'errors.number') || message;
}
