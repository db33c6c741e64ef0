package dev.edp.cli.local;

import dev.edp.cli.local.run.AuditScenario;
import dev.edp.cli.local.run.Scenario;
import dev.edp.cli.local.run.cur.CurScenario;
import dev.edp.cli.local.run.domain.InventoryScenario;
import dev.edp.cli.local.run.domain.NotificationsScenario;
import dev.edp.cli.local.run.domain.OrdersScenario;
import dev.edp.cli.local.run.domain.WorkflowScenario;

import java.util.List;
import java.util.Optional;

/** The scenarios of {@code ./edp local}, in the order they run; the audit scenario last, since it checks them all. */
final class Scenarios {

    private Scenarios() {
    }

    static List<Scenario> all() {
        return List.of(new CurScenario(), new OrdersScenario(), new InventoryScenario(), new NotificationsScenario(),
                new WorkflowScenario(), new AuditScenario());
    }

    static Optional<Scenario> named(String name) {
        return all().stream().filter(s -> s.name().equals(name)).findFirst();
    }

    static List<String> names() {
        return all().stream().map(Scenario::name).toList();
    }
}
