package dev.edp.cli.local.run;

/**
 * One of seed 000's success criteria, measured on this run.
 *
 * @param goal     the seed's heading (Reliability, Performance, ...)
 * @param measure  what was measured
 * @param value    the measured value, with its sample
 * @param target   the seed's target
 * @param status   met, missed, or not measured (its part of the run was not selected)
 */
public record Criterion(String goal, String measure, String value, String target, ChecklistItem.Status status) {
}
