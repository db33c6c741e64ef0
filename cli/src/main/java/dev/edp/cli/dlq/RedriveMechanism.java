package dev.edp.cli.dlq;

/** How messages go back from a DLQ to its source queue. */
public enum RedriveMechanism {
    /** SQS moves them itself ({@code StartMessageMoveTask}), server-side, and keeps going if we stop. */
    MOVE_TASK("move-task", "SQS StartMessageMoveTask"),
    /** This command receives, sends to the source queue and deletes, one message at a time, with a journal. */
    COPY("copy", "receive -> send -> delete, with a dedupe journal in the stack's table");

    private final String flag;
    private final String description;

    RedriveMechanism(String flag, String description) {
        this.flag = flag;
        this.description = description;
    }

    public String flag() {
        return flag;
    }

    public String description() {
        return description;
    }
}
