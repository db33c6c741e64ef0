package dev.edp.cli.replay;

import dev.edp.cli.ops.OpsClients;
import dev.edp.cli.ops.OpsException;
import dev.edp.cli.ops.Queues;
import dev.edp.cli.ops.StackOutputs;
import dev.edp.pattern.consumers.ReplayRoute;
import software.amazon.awssdk.services.eventbridge.model.DescribeRuleResponse;
import software.amazon.awssdk.services.eventbridge.model.Target;

import java.util.ArrayList;
import java.util.List;

/**
 * How events reach one consumer, as deployed: the rule on the bus that targets its queue, the rule's pattern,
 * and the target itself (with its dead-letter queue, retry policy and FIFO message group), read from EventBridge.
 */
record ConsumerRoute(String consumer, String queueArn, String ruleName, String ruleArn, String pattern, Target target) {

    static List<ConsumerRoute> of(OpsClients aws, StackOutputs outputs, String busName, List<String> consumers) {
        List<ConsumerRoute> routes = new ArrayList<>();
        for (String consumer : consumers) {
            String queueArn = Queues.arn(aws.sqs(), outputs.queueUrl(consumer));
            List<String> rules = aws.events().listRuleNamesByTarget(b -> b.targetArn(queueArn).eventBusName(busName))
                    .ruleNames().stream().filter(name -> !name.startsWith(ReplayRoute.PREFIX)).toList();
            if (rules.size() != 1) {
                throw new OpsException("consumer " + consumer + ": expected one rule on bus " + busName
                        + " targeting its queue " + queueArn + ", found " + (rules.isEmpty() ? "none" : rules));
            }
            String rule = rules.get(0);
            DescribeRuleResponse described = aws.events().describeRule(b -> b.name(rule).eventBusName(busName));
            Target target = aws.events().listTargetsByRule(b -> b.rule(rule).eventBusName(busName)).targets().stream()
                    .filter(t -> queueArn.equals(t.arn())).findFirst()
                    .orElseThrow(() -> new OpsException("rule " + rule + " no longer targets " + queueArn));
            routes.add(new ConsumerRoute(consumer, queueArn, rule, described.arn(), described.eventPattern(), target));
        }
        return routes;
    }
}
