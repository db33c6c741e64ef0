package dev.edp.cli.local;

import dev.edp.sandbox.emulator.SandboxAdmin;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** The AWS CLI commands that look inside a running sandbox, filled in with its real names and URLs. */
final class Inspect {

    /** A valid "Order Created" detail (events/.../order-created.json). */
    static final String ORDER = "{\"order_id\":\"ORD-9\",\"customer_id\":\"CUST-9\",\"items\":[{\"item_id\":\"ITEM-001\","
            + "\"quantity\":1,\"price\":5}],\"total\":5,\"timestamp\":\"2024-01-15T10:00:00Z\"}";

    private Inspect() {
    }

    @SuppressWarnings("unchecked")
    static List<String> commands(URI endpoint, String region, SandboxAdmin admin, Map<String, Object> outputs,
                                 String sandboxFile, String logFile) {
        String aws = "aws --endpoint-url " + endpoint;
        Map<String, String> queues = (Map<String, String>) outputs.getOrDefault("queueUrls", Map.of());
        Map<String, String> dlqs = (Map<String, String>) outputs.getOrDefault("deadLetterQueueUrls", Map.of());
        List<String> lines = new ArrayList<>();
        lines.add("export AWS_ACCESS_KEY_ID=" + admin.accessKeyId() + " AWS_SECRET_ACCESS_KEY=" + admin.secretAccessKey()
                + " AWS_DEFAULT_REGION=" + region);
        queues.forEach((consumer, url) -> lines.add(aws + " sqs get-queue-attributes --attribute-names All --queue-url "
                + url + "   # " + consumer));
        dlqs.forEach((consumer, url) -> lines.add(aws + " sqs receive-message --visibility-timeout 0"
                + " --max-number-of-messages 10 --queue-url " + url + "   # " + consumer + " DLQ"));
        lines.add(aws + " dynamodb scan --table-name " + outputs.get("tableName"));
        if (!String.valueOf(outputs.getOrDefault("curatedBucketName", "")).isEmpty()) {
            lines.add(aws + " s3 ls --recursive s3://" + outputs.get("curatedBucketName") + "/curated/");
            lines.add(aws + " s3 cp report.csv s3://" + outputs.get("ingestBucketName")
                    + "/   # a new upload goes through the whole pipeline, traced here");
        }
        if (!String.valueOf(outputs.getOrDefault("auditBucketName", "")).isEmpty()) {
            lines.add(aws + " s3 ls --recursive s3://" + outputs.get("auditBucketName") + "/");
        }
        lines.add(aws + " events put-events --entries '[{\"EventBusName\":\"" + outputs.get("busName")
                + "\",\"Source\":\"orders\",\"DetailType\":\"Order Created\",\"Detail\":\"" + ORDER.replace("\"", "\\\"")
                + "\"}]'   # an order, traced here");
        if (!String.valueOf(outputs.getOrDefault("stateMachineArn", "")).isEmpty()) {
            lines.add(aws + " stepfunctions list-executions --state-machine-arn " + outputs.get("stateMachineArn"));
        }
        lines.add("function logs: " + logFile.replace("FUNCTION.log", "<function>.log") + "; sandbox file: " + sandboxFile);
        return lines;
    }
}
