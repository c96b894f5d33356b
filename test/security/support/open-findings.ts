import type { Expectation, Model, ModelCommand } from './authority-oracle.js';
import type { Outcome } from './authority-transport.js';

/**
 * Divergences between SPEC and the system that the privilege-escalation property found and that are reported, not
 * yet fixed (the rules live in libs/domain). Each is matched narrowly: the command breaks exactly that one rule and
 * the system accepted it. The suite counts and prints them instead of failing; once fixed, the system refuses
 * and the oracle agrees, so an entry can simply be deleted. See SECURITY.md, "Findings".
 */
export interface OpenFinding {
  id: string;
  rule: string;
  description: string;
  matches(model: Model, command: ModelCommand, expected: Expectation, outcome: Outcome): boolean;
}

/** None open: F1 (R-ORG-5) and F2 (R-ADM-3) were fixed in the domain (see SECURITY.md). */
export const OPEN_FINDINGS: OpenFinding[] = [];
