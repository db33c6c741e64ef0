package dev.edp.pattern.consumers;

import com.pulumi.aws.iam.Role;
import com.pulumi.aws.iam.RoleArgs;
import com.pulumi.aws.iam.RolePolicy;
import com.pulumi.aws.iam.RolePolicyArgs;
import dev.edp.pattern.PatternContext;
import dev.edp.pattern.iam.PolicyDocument;
import dev.edp.pattern.iam.Statement;

import java.util.List;

/** A role an AWS service assumes for this account only (confused-deputy guard), with exactly these statements. */
public record ServiceRole(Role role, RolePolicy policy) {

    public static ServiceRole create(PatternContext ctx, String purpose, String service, String description,
                              List<Statement> statements) {
        Role role = new Role(ctx.name(purpose, "role"), RoleArgs.builder()
                .description(description)
                .assumeRolePolicy(PolicyDocument.of(Statement.allow("sts:AssumeRole")
                        .forService(service)
                        .when("StringEquals", "aws:SourceAccount", ctx.accountId())).toJson())
                .tags(ctx.tags())
                .build(), ctx.options());
        RolePolicy policy = new RolePolicy(ctx.name(purpose, "policy"), RolePolicyArgs.builder()
                .role(role.id())
                .policy(PolicyDocument.of(statements).toJson())
                .build(), ctx.options());
        return new ServiceRole(role, policy);
    }

    public com.pulumi.core.Output<String> arn() {
        return role.arn();
    }
}
