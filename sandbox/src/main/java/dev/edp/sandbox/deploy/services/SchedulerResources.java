package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;

import java.util.Set;

/**
 * EventBridge Scheduler schedules: the sandbox fires them itself ({@link dev.edp.sandbox.bus.ScheduledEvents}), on
 * request and not by the clock, so a schedule putting events on a bus is local; one with another target is listed
 * as not emulated.
 */
public final class SchedulerResources implements ResourceCreator {

    static final String SCHEDULE = "aws:scheduler/schedule:Schedule";

    @Override
    public Set<String> types() {
        return Set.of(SCHEDULE);
    }

    @Override
    public Placed create(PendingResource r) {
        String name = r.name();
        r.put("name", name);
        String target = String.valueOf(r.object("target").get("arn"));
        return target.contains(":event-bus/")
                ? Placed.local(name, "fired by the sandbox on request (./edp local --once fires each schedule once),"
                + " not by its rate or cron; flexible time window, retries and the role's trust not emulated")
                : Placed.notEmulated(name, "the sandbox fires only schedules that put events on a bus, not " + target);
    }
}
