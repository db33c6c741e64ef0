package dev.edp.cli.cur;

import picocli.CommandLine.Command;

import java.util.concurrent.Callable;

/** Placeholder replaced below. */
@Command(name = "coldstart", hidden = true)
public final class ColdStartCommand implements Callable<Integer> {
    @Override
    public Integer call() {
        return 1;
    }
}
