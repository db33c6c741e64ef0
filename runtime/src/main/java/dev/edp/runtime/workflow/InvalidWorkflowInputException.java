package dev.edp.runtime.workflow;

/**
 * The workflow's input is not a valid "Workflow Triggered" event. Its class name is the error in the execution
 * history; its message names the field.
 */
public final class InvalidWorkflowInputException extends RuntimeException {
    public InvalidWorkflowInputException(String message) {
        super(message);
    }
}
