package dev.edp.cli.cost;

/** The rows of seed 004's cost table, in its order (Step Functions and Firehose included). */
public enum Component {
    EVENTBRIDGE("EventBridge"),
    LAMBDA("Lambda"),
    SQS("SQS"),
    SNS("SNS"),
    STEP_FUNCTIONS("Step Functions"),
    DYNAMODB("DynamoDB"),
    S3("S3 (Audit, CUR)"),
    CLOUDWATCH("CloudWatch"),
    KMS("KMS"),
    FIREHOSE("Firehose");

    private final String heading;

    Component(String heading) {
        this.heading = heading;
    }

    public String heading() {
        return heading;
    }
}
