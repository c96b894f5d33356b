import { createHash } from 'node:crypto';

/** The namespace of notification ids (a fixed random UUID: ids stay the same across versions and instances). */
export const NOTIFICATION_NAMESPACE = '6f1d5a8e-3c2b-4f7a-9d41-2b8e0c7a5f13';

/** RFC 9562 UUIDv5: the SHA-1 name-based UUID of `name` in `namespace`. */
export function uuidV5(name: string, namespace: string): string {
  const hash = createHash('sha1').update(Buffer.from(namespace.replace(/-/g, ''), 'hex')).update(name, 'utf8').digest();
  const bytes = hash.subarray(0, 16);
  bytes[6] = ((bytes[6] as number) & 0x0f) | 0x50;
  bytes[8] = ((bytes[8] as number) & 0x3f) | 0x80;
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/**
 * A notification's id: the same event (or other key, see Notice.key), recipient and kind always give the same id, so deriving the
 * notifications of an event again (after a crash, on another instance) adds nothing new, and a resent
 * e-mail carries the same Message-ID.
 */
export function notificationId(key: string, recipientEmail: string, kind: string): string {
  return uuidV5(`${key}\u0000${recipientEmail.toLowerCase()}\u0000${kind}`, NOTIFICATION_NAMESPACE);
}
