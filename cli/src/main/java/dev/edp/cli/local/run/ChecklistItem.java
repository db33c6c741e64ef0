package dev.edp.cli.local.run;

/**
 * One item of seed 000's testing checklist, as this run observed it.
 *
 * @param item     the checklist's words
 * @param status   passed, failed, or not run (its scenario was not selected)
 * @param evidence what was observed
 */
public record ChecklistItem(String item, Status status, String evidence) {

    /** An item's outcome. */
    public enum Status { PASSED, FAILED, NOT_RUN }

    public static ChecklistItem notRun(String item, String why) {
        return new ChecklistItem(item, Status.NOT_RUN, why);
    }
}
