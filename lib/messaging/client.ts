import { defineExtensionMessaging } from '@webext-core/messaging';
import type { ProtocolMap, WireProtocolMap } from './protocol';
import { unwrap } from './replies';

/** Both ends use the same typed channel; validation happens in the background handlers. */
const channel = defineExtensionMessaging<WireProtocolMap>();

/** The background registers its handlers here; they answer with a Reply (see handlers.ts). */
export const onMessage = channel.onMessage;

/**
 * Sends a request and returns its value; a refusal throws RefusedError, a storage problem
 * StorageUnavailableError, a stopped worker or closed channel whatever the browser threw.
 */
export async function sendMessage<K extends keyof ProtocolMap>(type: K, data: Parameters<ProtocolMap[K]>[0]): Promise<ReturnType<ProtocolMap[K]>> {
  return unwrap(await channel.sendMessage(type, data as never)) as ReturnType<ProtocolMap[K]>;
}
