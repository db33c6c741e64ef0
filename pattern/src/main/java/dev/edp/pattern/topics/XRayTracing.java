package dev.edp.pattern.topics;

import com.pulumi.aws.xray.ResourcePolicy;
import com.pulumi.aws.xray.ResourcePolicyArgs;
import com.pulumi.core.Output;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.List;

/**
 * The X-Ray resource policy that lets SNS write the trace segments of the pattern's actively traced topics: without
 * it SNS drops them (SNS Developer Guide, "Active tracing in Amazon SNS",
 * https://docs.aws.amazon.com/sns/latest/dg/sns-active-tracing.html; AWS::XRay::ResourcePolicy). Scoped to this
 * account and to exactly these topics.
 *
 * <p>X-Ray resource policies are account-wide objects with a name unique in the account and region, and AWS allows
 * only a few per account and region (X-Ray quotas: 5): one per stack, named per project and stack. An account with
 * more stacks of the pattern than that must instead hold one shared policy; README, "What only real AWS checks".
 */
final class XRayTracing {

    private XRayTracing() {
    }

    static ResourcePolicy allowTopics(PatternContext ctx, List<Output<String>> topicArns) {
        Statement statement = Statement.allow("xray:PutTraceSegments", "xray:GetSamplingRules",
                        "xray:GetSamplingTargets")
                .sid("SnsWritesTracesOfThisStacksTopics")
                .forService("sns.amazonaws.com")
                .onEveryResource("X-Ray's actions support no resource-level permissions")
                .when("StringEquals", "aws:SourceAccount", ctx.accountId())
                .when("ArnLike", "aws:SourceArn", topicArns.toArray(Output[]::new));
        return new ResourcePolicy(ctx.name("sns-tracing-policy"), ResourcePolicyArgs.builder()
                // Policy names: at most 128 of [\\w+=,.@-] (AWS::XRay::ResourcePolicy).
                .policyName(ctx.stackUniqueName("sns-tracing", 128))
                .policyDocument(PolicyDocument.of(statement).toJson())
                .build(), ctx.options());
    }
}
