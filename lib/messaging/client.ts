import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap } from './protocol';

/** Both ends use the same typed channel; validation happens in the background handlers. */
export const { sendMessage, onMessage } = defineExtensionMessaging<ProtocolMap>();
