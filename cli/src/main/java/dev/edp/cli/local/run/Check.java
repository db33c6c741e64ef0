package dev.edp.cli.local.run;

/**
 * One thing a scenario verified, from what it observed.
 *
 * @param name   what was checked
 * @param passed whether it held
 * @param detail the evidence (or what was missing)
 */
public record Check(String name, boolean passed, String detail) {

    public static Check of(String name, boolean passed, String detail) {
        return new Check(name, passed, detail);
    }
}
