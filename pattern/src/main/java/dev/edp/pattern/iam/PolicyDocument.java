package dev.edp.pattern.iam;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.pulumi.core.Output;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;

/**
 * An IAM policy document (identity or resource policy) built from {@link Statement}s and rendered to JSON once all
 * the ARNs it names are known. JSON is built as a tree, never by string concatenation.
 */
public final class PolicyDocument {

    private final List<Statement> statements;

    private PolicyDocument(List<Statement> statements) {
        if (statements.isEmpty()) {
            throw new IllegalArgumentException("a policy document needs at least one statement");
        }
        this.statements = List.copyOf(statements);
    }

    public static PolicyDocument of(Statement... statements) {
        return new PolicyDocument(List.of(statements));
    }

    public static PolicyDocument of(List<Statement> statements) {
        return new PolicyDocument(statements);
    }

    public List<Statement> statements() {
        return statements;
    }

    public Output<String> toJson() {
        List<Output<String>> outputs = new ArrayList<>();
        statements.forEach(s -> outputs.addAll(s.outputs()));
        return Output.all(outputs).applyValue(values -> {
            Iterator<String> resolved = values.iterator();
            ObjectNode document = JsonNodeFactory.instance.objectNode();
            document.put("Version", "2012-10-17");
            ArrayNode list = document.putArray("Statement");
            statements.forEach(s -> list.add(s.render(resolved)));
            return document.toString();
        });
    }
}
