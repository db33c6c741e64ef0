package dev.edp.provider;

import com.pulumi.provider.internal.ResourceProviderService;

import java.util.ArrayList;
import java.util.List;

/**
 * Entry point of the plugin process: the Pulumi engine starts {@code pulumi-resource-edp <engine address>} (with
 * logging flags it may add) and talks gRPC to the port this prints.
 */
public final class Main {

    private Main() {
    }

    public static void main(String[] args) throws Exception {
        String version = Main.class.getPackage().getImplementationVersion();
        String engine = engineAddress(args);
        new ResourceProviderService(engine, new EdpProvider(version == null ? "0.1.0" : version))
                .startAndBlockUntilShutdown();
    }

    /** The one argument that is not a logging flag the engine passes to every plugin. */
    static String engineAddress(String[] args) {
        List<String> rest = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.equals("--tracing")) {
                i++;
            } else if (!arg.equals("--logtostderr") && !arg.equals("--logflow") && !arg.startsWith("-v=")) {
                rest.add(arg);
            }
        }
        if (rest.size() != 1) {
            throw new IllegalArgumentException("expected the engine address as the only argument, got " + rest);
        }
        return rest.get(0);
    }
}
