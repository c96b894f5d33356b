import { notificationId, uuidV5 } from './notification-id.js';

const DNS_NAMESPACE = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

describe('notification ids (R-NOT-1)', () => {
  it('computes RFC 9562 UUIDv5 (the RFC and the uuid package agree on these)', () => {
    expect(uuidV5('www.example.com', DNS_NAMESPACE)).toBe('2ed6657d-e927-568b-95e1-2665a8aea6a2');
    expect(uuidV5('python.org', DNS_NAMESPACE)).toBe('886313e1-3b8a-5372-9b90-0c9aee199e5d');
  });

  it('R-NOT-1 gives the same id for the same event, recipient and kind, and another id when any of them differs', () => {
    const id = notificationId('0190a1b2-0000-7000-8000-000000000001', 'Anna@Example.se', 'reminder');
    expect(notificationId('0190a1b2-0000-7000-8000-000000000001', 'anna@example.se', 'reminder')).toBe(id);
    expect(notificationId('0190a1b2-0000-7000-8000-000000000002', 'anna@example.se', 'reminder')).not.toBe(id);
    expect(notificationId('0190a1b2-0000-7000-8000-000000000001', 'bo@example.se', 'reminder')).not.toBe(id);
    expect(notificationId('0190a1b2-0000-7000-8000-000000000001', 'anna@example.se', 'permission-changed')).not.toBe(id);
    expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-5[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});
