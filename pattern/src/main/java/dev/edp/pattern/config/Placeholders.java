package dev.edp.pattern.config;

import com.pulumi.core.Output;
import dev.edp.events.FunctionEnvironment;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ${...}} placeholders in workflow definitions and function environment values, naming the pattern's own
 * resources (which the user cannot reference before the component creates them), filled in at deploy time.
 */
public final class Placeholders {

    /** What every definition and environment value may name. */
    public static final Set<String> PATTERN_KEYS = Set.of("edp:busName", "edp:busArn", "edp:tableName",
            "edp:tableArn", "edp:notificationsTopicArn", "edp:alarmsTopicArn", "edp:keyArn", "aws:partition",
            "aws:region", "aws:accountId");

    /** Variables only the pattern sets. */
    public static final Set<String> RESERVED_VARIABLES = Set.of(FunctionEnvironment.ENVIRONMENT,
            FunctionEnvironment.TABLE_NAME, FunctionEnvironment.NOTIFICATIONS_TOPIC_ARN, FunctionEnvironment.EVENT_BUS_NAME,
            FunctionEnvironment.CONSUMER, FunctionEnvironment.MAX_RECEIVE_COUNT);

    private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]+)}");

    private Placeholders() {
    }

    /** The placeholders in {@code text}, in order. */
    public static List<String> in(String text) {
        List<String> found = new ArrayList<>();
        Matcher m = PLACEHOLDER.matcher(text == null ? "" : text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    /** {@code bucket:<name>} or {@code bucket:<name>:arn} → name. */
    public static String bucketName(String placeholder) {
        String rest = placeholder.substring("bucket:".length());
        return rest.endsWith(":arn") ? rest.substring(0, rest.length() - 4) : rest;
    }

    /** {@code text} with each placeholder replaced by its value; an unknown one fails (validation names it first). */
    public static Output<String> fill(String text, Map<String, Output<String>> values) {
        List<String> names = in(text);
        if (names.isEmpty()) {
            return Output.of(text);
        }
        List<Output<String>> outputs = new ArrayList<>();
        for (String name : names) {
            Output<String> value = values.get(name);
            if (value == null) {
                throw new InvalidConfigException(List.of("unknown placeholder ${" + name + "} in " + abbreviate(text)));
            }
            outputs.add(value);
        }
        return Output.all(outputs).applyValue(resolved -> {
            StringBuilder out = new StringBuilder();
            Matcher m = PLACEHOLDER.matcher(text);
            int i = 0;
            while (m.find()) {
                m.appendReplacement(out, Matcher.quoteReplacement(resolved.get(i++)));
            }
            m.appendTail(out);
            return out.toString();
        });
    }

    private static String abbreviate(String text) {
        return text.length() <= 60 ? "'" + text + "'" : "'" + text.substring(0, 57) + "...'";
    }
}
