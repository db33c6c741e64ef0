/** How `./edp check` prints its findings: one block per violation, then a summary line. */
import type { Violation } from "./runner";

export function formatViolation(v: Violation): string {
    const where = v.resource ? `${v.resource.type} "${v.resource.name}"` : "(stack)";
    return `[${v.enforcementLevel}] ${v.policyName}  ${where}\n    ${v.message}`;
}

export function countByLevel(violations: Violation[]): { mandatory: number; advisory: number } {
    return {
        mandatory: violations.filter((v) => v.enforcementLevel === "mandatory").length,
        advisory: violations.filter((v) => v.enforcementLevel === "advisory").length,
    };
}
