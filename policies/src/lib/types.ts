/**
 * Pulumi AWS type tokens the pack looks at, in one place. Policies match resources by token (not by class) so the
 * pack needs no dependency on @pulumi/aws. Where the provider has an old and a new token for the same AWS object
 * (S3's V2 resources, renamed in provider v7), both are listed so users' stacks on either version are checked.
 */
export const AWS = {
    kmsKey: "aws:kms/key:Key",
    kmsKeyPolicy: "aws:kms/keyPolicy:KeyPolicy",
    kmsAlias: "aws:kms/alias:Alias",

    queue: "aws:sqs/queue:Queue",
    queuePolicy: "aws:sqs/queuePolicy:QueuePolicy",
    queueRedrivePolicy: "aws:sqs/redrivePolicy:RedrivePolicy",
    queueRedriveAllowPolicy: "aws:sqs/redriveAllowPolicy:RedriveAllowPolicy",

    topic: "aws:sns/topic:Topic",
    topicPolicy: "aws:sns/topicPolicy:TopicPolicy",
    topicSubscription: "aws:sns/topicSubscription:TopicSubscription",

    table: "aws:dynamodb/table:Table",

    lambdaFunction: "aws:lambda/function:Function",
    eventSourceMapping: "aws:lambda/eventSourceMapping:EventSourceMapping",
    functionEventInvokeConfig: "aws:lambda/functionEventInvokeConfig:FunctionEventInvokeConfig",
    lambdaPermission: "aws:lambda/permission:Permission",
    lambdaAlias: "aws:lambda/alias:Alias",

    logGroup: "aws:cloudwatch/logGroup:LogGroup",
    metricAlarm: "aws:cloudwatch/metricAlarm:MetricAlarm",
    compositeAlarm: "aws:cloudwatch/compositeAlarm:CompositeAlarm",
    dashboard: "aws:cloudwatch/dashboard:Dashboard",

    eventBus: "aws:cloudwatch/eventBus:EventBus",
    eventBusPolicy: "aws:cloudwatch/eventBusPolicy:EventBusPolicy",
    eventArchive: "aws:cloudwatch/eventArchive:EventArchive",
    eventRule: "aws:cloudwatch/eventRule:EventRule",
    eventTarget: "aws:cloudwatch/eventTarget:EventTarget",

    stateMachine: "aws:sfn/stateMachine:StateMachine",
    schedule: "aws:scheduler/schedule:Schedule",
    firehose: "aws:kinesis/firehoseDeliveryStream:FirehoseDeliveryStream",

    buckets: ["aws:s3/bucketV2:BucketV2", "aws:s3/bucket:Bucket"],
    bucketEncryptions: [
        "aws:s3/bucketServerSideEncryptionConfigurationV2:BucketServerSideEncryptionConfigurationV2",
        "aws:s3/bucketServerSideEncryptionConfiguration:BucketServerSideEncryptionConfiguration",
    ],
    bucketVersionings: ["aws:s3/bucketVersioningV2:BucketVersioningV2", "aws:s3/bucketVersioning:BucketVersioning"],
    bucketPublicAccessBlock: "aws:s3/bucketPublicAccessBlock:BucketPublicAccessBlock",
    bucketPolicy: "aws:s3/bucketPolicy:BucketPolicy",
    bucketNotification: "aws:s3/bucketNotification:BucketNotification",
    bucketLoggings: ["aws:s3/bucketLoggingV2:BucketLoggingV2", "aws:s3/bucketLogging:BucketLogging"],

    role: "aws:iam/role:Role",
    rolePolicy: "aws:iam/rolePolicy:RolePolicy",
    rolePolicyAttachment: "aws:iam/rolePolicyAttachment:RolePolicyAttachment",
    iamPolicy: "aws:iam/policy:Policy",
    userPolicy: "aws:iam/userPolicy:UserPolicy",
    groupPolicy: "aws:iam/groupPolicy:GroupPolicy",
} as const;

/** How a violation names a resource: its type token and logical name, e.g. aws:sqs/queue:Queue "orders". */
export function describe(resource: { type: string; name: string }): string {
    return `${resource.type} "${resource.name}"`;
}
