package dev.edp.sandbox.deploy;

/**
 * What a creator did with one resource.
 *
 * @param id        the resource id to give the engine (the emulator's, when it made one)
 * @param placement where the resource lives
 * @param note      why it lives there, for anything but a plain emulator resource (shown in the deploy summary)
 */
public record Placed(String id, Placement placement, String note) {

    public static Placed onEmulator(String id) {
        return new Placed(id, Placement.EMULATOR, null);
    }

    /** On moto, with something worth saying (e.g. "stored, never evaluated"). */
    public static Placed onEmulator(String id, String note) {
        return new Placed(id, Placement.EMULATOR, note);
    }

    public static Placed local(String id, String note) {
        return new Placed(id, Placement.LOCAL, note);
    }

    public static Placed notEmulated(String id, String reason) {
        return new Placed(id, Placement.NOT_EMULATED, reason);
    }
}
