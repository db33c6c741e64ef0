package dev.edp.events;

import java.nio.file.Path;

/**
 * The directory a Pulumi program's relative file paths are read from. Pulumi starts a program in its project
 * directory, so a path such as {@code workflows/fulfilment.asl.json} is relative to the working directory. EDP's
 * tools ({@code ./edp synth}, {@code ./edp local}) run a program inside their own JVM, whose working directory
 * cannot be changed: they set the system property {@link #PROPERTY} to the program's project directory while it
 * runs, and the component reads its files through {@link #resolve}.
 */
public final class ProgramDirectory {

    /** The system property the tools set to the project directory of the program they run in-process. */
    public static final String PROPERTY = "edp.program.dir";

    private ProgramDirectory() {
    }

    /** {@code path} as the program means it: absolute as given, else under {@link #PROPERTY} or the working directory. */
    public static Path resolve(String path) {
        Path given = Path.of(path);
        String dir = System.getProperty(PROPERTY);
        return given.isAbsolute() || dir == null ? given : Path.of(dir).resolve(given).normalize();
    }
}
