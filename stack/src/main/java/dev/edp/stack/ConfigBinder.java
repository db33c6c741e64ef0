package dev.edp.stack;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.ContextualDeserializer;
import com.fasterxml.jackson.databind.deser.Deserializers;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.annotation.JsonAutoDetect;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.pulumi.asset.Archive;
import com.pulumi.asset.FileArchive;
import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;

import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Binds JSON config (what Pulumi hands a program for a structured key) to Args classes, by their
 * {@link Import} names. First every value is checked against the field's type, so every problem is reported at
 * once in Pulumi's words ({@code edp:alarms.lambdaErrors: expected a number, got "0.5"}; unknown keys with the
 * keys that exist there); then the tree is bound. References ({@code Output<T>}) are bound from plain values; an
 * {@link Archive} from a path.
 */
final class ConfigBinder {

    private final String namespace;
    private final ObjectMapper json;

    ConfigBinder(String namespace) {
        this.namespace = namespace;
        SimpleModule module = new SimpleModule("pulumi-inputs") {
            @Override
            public void setupModule(SetupContext context) {
                super.setupModule(context);
                context.addDeserializers(new OutputDeserializers());
            }
        };
        this.json = JsonMapper.builder()
                .visibility(PropertyAccessor.ALL, JsonAutoDetect.Visibility.NONE)
                .visibility(PropertyAccessor.FIELD, JsonAutoDetect.Visibility.ANY)
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .addMixIn(com.pulumi.resources.InputArgs.class, PulumiBookkeeping.class)
                .addModule(module)
                .build();
    }

    /** Pulumi's own per-Args bookkeeping field is not configuration. */
    private abstract static class PulumiBookkeeping {
        @com.fasterxml.jackson.annotation.JsonIgnore
        Object inputInfos;
    }

    ObjectMapper json() {
        return json;
    }

    /** The config keys of an Args class: its fields' {@link Import} names. */
    static List<String> keys(Class<?> argsClass) {
        List<String> keys = new ArrayList<>();
        for (Field f : declaredAndInherited(argsClass)) {
            Import imp = f.getAnnotation(Import.class);
            if (imp != null && !Modifier.isStatic(f.getModifiers())) {
                keys.add(imp.name().isEmpty() ? f.getName() : imp.name());
            }
        }
        return keys;
    }

    /** Checks {@code node} against {@code type}, adding {@code <namespace>:<path>: ...} problems. */
    void check(JsonNode node, Type type, String path, List<String> problems) {
        if (node == null || node.isNull()) {
            return;
        }
        Class<?> raw = rawClass(type);
        if (raw == Output.class) {
            check(node, typeArgument(type, 0), path, problems);
        } else if (raw == String.class) {
            expect(node.isTextual(), "a string", node, path, problems);
        } else if (raw == Integer.class || raw == int.class) {
            expect(node.isIntegralNumber() && node.canConvertToInt(), "an integer", node, path, problems);
        } else if (raw == Double.class || raw == double.class) {
            expect(node.isNumber(), "a number", node, path, problems);
        } else if (raw == Boolean.class || raw == boolean.class) {
            expect(node.isBoolean(), "a boolean (true or false)", node, path, problems);
        } else if (Archive.class.isAssignableFrom(raw)) {
            expect(node.isTextual(), "the path of a jar, zip or directory", node, path, problems);
        } else if (List.class.isAssignableFrom(raw)) {
            if (expect(node.isArray(), "a list", node, path, problems)) {
                for (int i = 0; i < node.size(); i++) {
                    check(node.get(i), typeArgument(type, 0), path + "[" + i + "]", problems);
                }
            }
        } else if (Map.class.isAssignableFrom(raw)) {
            if (expect(node.isObject(), "an object", node, path, problems)) {
                for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                    var e = it.next();
                    check(e.getValue(), typeArgument(type, 1), path + "." + e.getKey(), problems);
                }
            }
        } else if (expect(node.isObject(), "an object", node, path, problems)) {
            List<String> known = keys(raw);
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                var e = it.next();
                Field field = field(raw, e.getKey());
                if (field == null) {
                    problems.add(namespace + ":" + path + "." + e.getKey() + ": unknown key" + Suggest.didYouMean(e.getKey(), known)
                            + "; known keys here: " + new TreeSet<>(known));
                } else {
                    check(e.getValue(), field.getGenericType(), path + "." + e.getKey(), problems);
                }
            }
        }
    }

    private boolean expect(boolean ok, String what, JsonNode node, String path, List<String> problems) {
        if (!ok) {
            problems.add(namespace + ":" + path + ": expected " + what + ", got " + node);
        }
        return ok;
    }

    /** An Args class's fields and those of the Args it extends (ConsumerArgs and TaskArgs: FunctionAccessArgs). */
    static List<Field> declaredAndInherited(Class<?> argsClass) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = argsClass; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }

    static Field field(Class<?> argsClass, String key) {
        for (Field f : declaredAndInherited(argsClass)) {
            Import imp = f.getAnnotation(Import.class);
            if (imp != null && (imp.name().isEmpty() ? f.getName() : imp.name()).equals(key)) {
                return f;
            }
        }
        return null;
    }

    private static Class<?> rawClass(Type type) {
        if (type instanceof Class<?> c) {
            return c;
        }
        if (type instanceof ParameterizedType p) {
            return (Class<?>) p.getRawType();
        }
        return Object.class;
    }

    private static Type typeArgument(Type type, int index) {
        return type instanceof ParameterizedType p ? p.getActualTypeArguments()[index] : Object.class;
    }

    /** Binds {@code Output<T>} from a plain T, and an {@link Archive} from a path. */
    private static final class OutputDeserializers extends Deserializers.Base {
        @Override
        public JsonDeserializer<?> findBeanDeserializer(JavaType type, DeserializationConfig config,
                                                        BeanDescription beanDesc) {
            if (type.getRawClass() == Output.class) {
                return new OutputDeserializer(type.containedTypeOrUnknown(0));
            }
            if (Archive.class.isAssignableFrom(type.getRawClass())) {
                return new JsonDeserializer<Archive>() {
                    @Override
                    public Archive deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
                        return new FileArchive(p.getValueAsString());
                    }
                };
            }
            return null;
        }
    }

    private static final class OutputDeserializer extends JsonDeserializer<Output<?>> implements ContextualDeserializer {
        private final JavaType inner;

        OutputDeserializer(JavaType inner) {
            this.inner = inner;
        }

        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext ctxt, BeanProperty property) {
            return this;
        }

        @Override
        public Output<?> deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            Object value = ctxt.readValue(p, inner);
            return Output.of(value);
        }
    }
}
