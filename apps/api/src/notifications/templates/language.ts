import type { Notice } from '../notice.js';

/** The words of one language: a subject line and a plain-text body for every kind of notice. */
export interface Language {
  subject(notice: Notice): string;
  body(notice: Notice): string;
}

/** Instants as people read them in both languages: `2028-01-31 14:05 UTC`. */
export function when(instant: string): string {
  return `${instant.slice(0, 10)} ${instant.slice(11, 16)} UTC`;
}

/** Paragraphs separated by blank lines, empty ones left out. */
export function paragraphs(...parts: Array<string | undefined | false>): string {
  return parts.filter((p): p is string => typeof p === 'string' && p.length > 0).join('\n\n');
}

export function capitalized(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}
