package dev.edp.runtime.cur;

/** A cost report that cannot be read; the message names the file and the line. */
public final class CurFormatException extends RuntimeException {

    private final String file;
    private final long line;
    private final String reason;

    public CurFormatException(String file, long line, String reason) {
        this(file, line, reason, null);
    }

    public CurFormatException(String file, long line, String reason, Throwable cause) {
        super(file + ": line " + line + ": " + reason, cause);
        this.file = file;
        this.line = line;
        this.reason = reason;
    }

    public String file() {
        return file;
    }

    /** The 1-based line of the file where the offending record starts (the header is line 1). */
    public long line() {
        return line;
    }

    /** What is wrong, without the file and line. */
    public String reason() {
        return reason;
    }
}
