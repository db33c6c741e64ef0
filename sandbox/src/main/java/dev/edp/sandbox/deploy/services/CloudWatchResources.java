package dev.edp.sandbox.deploy.services;

import dev.edp.sandbox.deploy.PendingResource;
import dev.edp.sandbox.deploy.Placed;
import dev.edp.sandbox.deploy.ResourceCreator;

import java.util.Set;

/**
 * Alarms and the dashboard are not emulated. moto never evaluates an alarm and draws no dashboard, and it cannot
 * even store them here: the pinned AWS SDK's CloudWatch client speaks the Smithy RPCv2 CBOR protocol, which moto
 * 5.2.5 does not (it answers 404). Their definitions are checked by the mock tests and the policy pack instead.
 */
public final class CloudWatchResources implements ResourceCreator {

    static final String ALARM = "aws:cloudwatch/metricAlarm:MetricAlarm";
    static final String DASHBOARD = "aws:cloudwatch/dashboard:Dashboard";

    static final String WHY = "moto never evaluates alarms or draws dashboards, and cannot store them (the pinned"
            + " SDK's CloudWatch protocol, RPCv2 CBOR, is unknown to moto 5.2.5)";

    @Override
    public Set<String> types() {
        return Set.of(ALARM, DASHBOARD);
    }

    @Override
    public Placed create(PendingResource r) {
        return Placed.notEmulated(r.mockId(), WHY);
    }
}
