/**
 * @module axe
 * Runs axe-core (via @axe-core/playwright) on the page a student sees, against WCAG 2.0, 2.1
 * and 2.2 A/AA, and reports the serious and critical violations in a form a person can act on:
 * rule, impact, help text and the offending elements' selectors and summaries. Minor and
 * moderate findings are returned too (printed, not failed on), so they stay visible.
 */
import { AxeBuilder } from "@axe-core/playwright";
import type { Page } from "playwright-core";

export const WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"];

export interface AxeFinding {
  rule: string;
  impact: string;
  help: string;
  nodes: string[];
}

export interface AxeReport {
  screen: string;
  /** Serious and critical: these fail the test. */
  blocking: AxeFinding[];
  /** Minor and moderate: printed only. */
  other: AxeFinding[];
}

/** Runs axe on the whole page as it is now (closed drawers and the like are skipped by axe). */
export async function axeReport(page: Page, screen: string): Promise<AxeReport> {
  const results = await new AxeBuilder({ page }).withTags(WCAG_TAGS).analyze();
  const findings: AxeFinding[] = results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact ?? "unknown",
    help: `${v.help} (${v.helpUrl})`,
    nodes: v.nodes.slice(0, 6).map((n) => `${n.target.join(" ")} — ${n.failureSummary?.replace(/\s+/g, " ") ?? ""}`),
  }));
  const blocking = findings.filter((f) => f.impact === "serious" || f.impact === "critical");
  const other = findings.filter((f) => !blocking.includes(f));
  if (other.length > 0) console.warn(`[axe ${screen}] not failing:\n${formatFindings(other)}`);
  return { screen, blocking, other };
}

export function formatFindings(findings: AxeFinding[]): string {
  return findings.map((f) => `  ${f.impact.toUpperCase()} ${f.rule}: ${f.help}\n${f.nodes.map((n) => `      ${n}`).join("\n")}`).join("\n");
}

/** The readable failure message: every blocking finding of every screen checked. */
export function describeBlocking(reports: AxeReport[]): string {
  return reports
    .filter((r) => r.blocking.length > 0)
    .map((r) => `${r.screen}:\n${formatFindings(r.blocking)}`)
    .join("\n");
}
