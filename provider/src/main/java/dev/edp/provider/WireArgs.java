package dev.edp.provider;

import com.pulumi.core.Output;
import com.pulumi.core.annotations.Import;
import com.pulumi.provider.internal.properties.PropertyValue;
import com.pulumi.provider.internal.properties.PropertyValue.ValueType;
import com.pulumi.provider.internal.properties.PropertyValueSerializer;
import com.pulumi.resources.ResourceArgs;

import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The properties of a {@code Construct} request as Args objects.
 *
 * <p>Why not only the Java SDK's {@code PropertyValueSerializer} (what {@code ComponentProvider} uses): in
 * {@code com.pulumi:pulumi} 1.36.1 it loses a map field's value type (it passes the raw {@code Map} class on, so
 * every value is refused as "STRING to java.lang.Object"), and {@code consumers[i].environment}, {@code tags} and
 * the workflow's substitutions are maps. So this walks the Args classes itself for what nests (Args, lists of
 * Args, maps) and hands each object's other fields to the SDK's serializer, so outputs, secrets, archives and
 * their dependencies are read exactly as the SDK reads them.
 * {@code ConstructRoundTripTest} proves the result builds the same graph as the Java builders.
 */
final class WireArgs {

    private WireArgs() {
    }

    static <T> T deserialize(Map<String, PropertyValue> properties, Class<T> type) {
        return type.cast(object(properties, type, "$"));
    }

    private static Object object(Map<String, PropertyValue> properties, Class<?> type, String path) {
        // The SDK reads every field but maps and nested Args (required ones it checks, and reads too: their own
        // fields are read again below); then the walk sets the nested Args and maps itself.
        Map<String, PropertyValue> forTheSdk = new LinkedHashMap<>();
        List<Field> walked = new ArrayList<>();
        for (Field field : fields(type)) {
            if (Modifier.isStatic(field.getModifiers())) {
                continue;
            }
            String name = propertyName(field);
            PropertyValue value = properties.get(name);
            // The SDK's serializer reads only the class's own fields: an inherited one (ConsumerArgs' grants, from
            // FunctionAccessArgs) is read here too.
            boolean inherited = field.getDeclaringClass() != type;
            boolean walk = Map.class.isAssignableFrom(field.getType()) || argsType(field) != null || inherited;
            Import imported = field.getAnnotation(Import.class);
            boolean required = imported != null && imported.required();
            if (value != null && !value.isNull() && walk) {
                walked.add(field);
            }
            if (value != null && (!walk || required && !inherited && !Map.class.isAssignableFrom(field.getType()))) {
                forTheSdk.put(name, value);
            }
        }
        Object instance;
        try {
            instance = PropertyValueSerializer.deserialize(PropertyValue.of(forTheSdk), type);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(path + ": " + e.getMessage(), e);
        }
        for (Field field : walked) {
            String at = path + "." + propertyName(field);
            set(field, instance, walked(properties.get(propertyName(field)), field, at));
        }
        return instance;
    }

    private static Object walked(PropertyValue value, Field field, String path) {
        if (Map.class.isAssignableFrom(field.getType())) {
            return map(value, field.getGenericType(), path);
        }
        Class<?> element = argsType(field);
        if (element == null) {
            return strings(value, field, path);
        }
        if (!List.class.isAssignableFrom(field.getType())) {
            return object(objectValue(value, path), element, path);
        }
        List<Object> items = new ArrayList<>();
        List<PropertyValue> array = arrayValue(value, path);
        for (int i = 0; i < array.size(); i++) {
            items.add(object(objectValue(array.get(i), path + "[" + i + "]"), element, path + "[" + i + "]"));
        }
        return List.copyOf(items);
    }

    /** An inherited field that is neither Args nor a map: the Args have only lists of strings so (grants). */
    private static List<String> strings(PropertyValue value, Field field, String path) {
        if (!List.class.isAssignableFrom(field.getType())) {
            throw new IllegalStateException(path + ": an inherited field of type " + field.getGenericType()
                    + " that WireArgs cannot read yet");
        }
        List<String> items = new ArrayList<>();
        List<PropertyValue> array = arrayValue(value, path);
        for (int i = 0; i < array.size(); i++) {
            if (array.get(i).getType() != ValueType.STRING) {
                throw new IllegalArgumentException(path + "[" + i + "]: expected a string, got " + array.get(i).getType());
            }
            items.add(array.get(i).getStringValue());
        }
        return List.copyOf(items);
    }

    /** The Args class of a nested Args field or of a list of them; null for any other field. */
    private static Class<?> argsType(Field field) {
        if (ResourceArgs.class.isAssignableFrom(field.getType())) {
            return field.getType();
        }
        if (List.class.isAssignableFrom(field.getType()) && field.getGenericType() instanceof ParameterizedType p
                && p.getActualTypeArguments()[0] instanceof Class<?> c && ResourceArgs.class.isAssignableFrom(c)) {
            return c;
        }
        return null;
    }

    /** {@code Map<String, String>} and {@code Map<String, Output<String>>}, the maps the Args have. */
    private static Map<String, Object> map(PropertyValue value, Type generic, String path) {
        Type valueType = generic instanceof ParameterizedType p ? p.getActualTypeArguments()[1] : Object.class;
        boolean outputs = valueType instanceof ParameterizedType p && p.getRawType() == Output.class;
        Map<String, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, PropertyValue> e : objectValue(value, path).entrySet()) {
            String at = path + "." + e.getKey();
            if (outputs) {
                map.put(e.getKey(), PropertyValueSerializer.deserialize(
                        PropertyValue.of(Map.of("value", e.getValue())), OutputString.class).value);
            } else if (e.getValue().getType() == ValueType.STRING) {
                map.put(e.getKey(), e.getValue().getStringValue());
            } else {
                throw new IllegalArgumentException(at + ": expected a string, got " + e.getValue().getType());
            }
        }
        return Map.copyOf(map);
    }

    /** Lets the SDK read one {@code Output<String>} (a plain, secret, unknown or dependent value). */
    static final class OutputString {
        @Import(name = "value")
        Output<String> value;
    }

    private static Map<String, PropertyValue> objectValue(PropertyValue value, String path) {
        if (value.getType() != ValueType.OBJECT) {
            throw new IllegalArgumentException(path + ": expected an object, got " + value.getType());
        }
        return value.getObjectValue();
    }

    private static List<PropertyValue> arrayValue(PropertyValue value, String path) {
        if (value.getType() != ValueType.ARRAY) {
            throw new IllegalArgumentException(path + ": expected a list, got " + value.getType());
        }
        return value.getArrayValue();
    }

    /** The fields of an Args class and of the Args classes it extends ({@code ConsumerArgs}: its function's too). */
    private static List<Field> fields(Class<?> type) {
        List<Field> fields = new ArrayList<>();
        for (Class<?> c = type; c != null && c != Object.class; c = c.getSuperclass()) {
            fields.addAll(List.of(c.getDeclaredFields()));
        }
        return fields;
    }

    private static String propertyName(Field field) {
        Import imported = field.getAnnotation(Import.class);
        return imported != null && !imported.name().isEmpty() ? imported.name() : field.getName();
    }

    private static void set(Field field, Object instance, Object value) {
        try {
            field.setAccessible(true);
            field.set(instance, value);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException(e);
        }
    }
}
