import type { Notice } from '../notice.js';
import { english } from './en.js';
import { svenska } from './sv.js';

/** The e-mail of a notice: Swedish first, then English, in one plain-text message. */
export function renderNotice(notice: Notice): { subject: string; text: string } {
  return {
    subject: `${svenska.subject(notice)} / ${english.subject(notice)}`,
    text: `${svenska.body(notice)}\n\n---- In English ----\n\n${english.body(notice)}\n`,
  };
}
