/** Stream names carry only ids, never personal data. */
export function catalogStream(): string {
  return 'catalog';
}

export function organizationStream(organizationId: string): string {
  return `organization-${organizationId}`;
}

export function memberStream(memberId: string): string {
  return `member-${memberId}`;
}

export function orderStream(orderId: string): string {
  return `order-${orderId}`;
}
