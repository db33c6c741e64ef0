package dev.edp.pattern.inputs;

/** Application log level of a function's JSON logs (Lambda's advanced logging controls). */
public enum LogLevel implements ClosedSet {
    /** Everything. */
    TRACE,
    /** Debug and above. */
    DEBUG,
    /** Info and above. */
    INFO,
    /** Warnings and above. */
    WARN,
    /** Errors and above. */
    ERROR,
    /** Fatal errors only. */
    FATAL;
}
