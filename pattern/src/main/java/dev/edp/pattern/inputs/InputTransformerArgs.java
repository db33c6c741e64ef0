package dev.edp.pattern.inputs;

import com.pulumi.core.annotations.Import;
import com.pulumi.resources.ResourceArgs;

import javax.annotation.Nullable;
import java.util.Map;

/** An EventBridge input transformer: values picked from the event by JSONPath, placed into a template. */
public final class InputTransformerArgs extends ResourceArgs {

    /** Name → JSONPath into the event, e.g. {@code "order": "$.detail.order_id"}; at most 100. */
    @Import(name = "inputPaths")
    private @Nullable Map<String, String> inputPaths;

    /** The template, with {@code <name>} placeholders, e.g. {@code {"order": <order>}}. */
    @Import(name = "inputTemplate", required = true)
    private String inputTemplate;

    private InputTransformerArgs() {
    }

    public Map<String, String> inputPaths() { return inputPaths == null ? Map.of() : inputPaths; }
    public String inputTemplate() { return inputTemplate; }

    public static Builder builder() { return new Builder(); }

    public static final class Builder {
        private final InputTransformerArgs args = new InputTransformerArgs();

        public Builder inputPaths(@Nullable Map<String, String> v) { args.inputPaths = v == null ? null : Map.copyOf(v); return this; }
        public Builder inputTemplate(String v) { args.inputTemplate = v; return this; }

        public InputTransformerArgs build() { return args; }
    }
}
