package org.seedscope.study;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.function.Function;

/**
 * Typed access to the fields of a parsed spec file, with messages naming the source, the field
 * (dotted path), the bad value and what is allowed.
 *
 * @param source the file name used in messages
 */
record SpecReader(String source) {

    void checkFields(JsonNode node, Set<String> allowed, String prefix) {
        for (Iterator<String> it = node.fieldNames(); it.hasNext();) {
            String f = it.next();
            if (!allowed.contains(f)) {
                throw error("unknown field '" + prefix + f + "'; allowed: "
                        + allowed.stream().sorted().map(a -> prefix + a).toList());
            }
        }
    }

    String text(JsonNode node, String field, String fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isTextual()) {
            throw wrongType(field, v, "a string");
        }
        return v.asText();
    }

    int integer(JsonNode node, String field, int fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw wrongType(field, v,
                    v.isIntegralNumber() ? "a whole number between -2^31 and 2^31 - 1" : "a whole number");
        }
        return v.asInt();
    }

    long whole(JsonNode node, String field, long fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToLong()) {
            throw wrongType(field, v,
                    v.isIntegralNumber() ? "a whole number between -2^63 and 2^63 - 1" : "a whole number");
        }
        return v.asLong();
    }

    double number(JsonNode node, String field, double fallback) {
        JsonNode v = node.get(field);
        if (v == null) {
            return fallback;
        }
        if (v.isTextual()) {
            try {
                return Double.parseDouble(v.asText());
            } catch (NumberFormatException e) {
                throw wrongType(field, v, "a number");
            }
        }
        if (!v.isNumber()) {
            throw wrongType(field, v, "a number");
        }
        return v.asDouble();
    }

    List<String> strings(JsonNode node, String field) {
        JsonNode v = node.get(field);
        if (v.isTextual()) {
            return List.of(v.asText());
        }
        if (!v.isArray()) {
            throw wrongType(field, v, "a list of strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : v) {
            if (!e.isTextual()) {
                throw wrongType(field, e, "a list of strings");
            }
            out.add(e.asText());
        }
        return out;
    }

    /** @return the field's elements: a list's items, or the single value itself */
    List<JsonNode> items(JsonNode node, String field) {
        JsonNode v = node.get(field);
        List<JsonNode> out = new ArrayList<>();
        if (v.isArray()) {
            v.forEach(out::add);
        } else {
            out.add(v);
        }
        return out;
    }

    <T> T parsed(String field, String value, Function<String, T> parser) {
        try {
            return parser.apply(value);
        } catch (IllegalArgumentException e) {
            throw error("field '" + field + "': " + e.getMessage(), e);
        }
    }

    IllegalArgumentException wrongType(String field, JsonNode v, String expected) {
        return error("field '" + field + "' must be " + expected + ", got " + v.getNodeType().toString().toLowerCase()
                + " " + v);
    }

    IllegalArgumentException error(String message) {
        return new IllegalArgumentException(source + ": " + message);
    }

    IllegalArgumentException error(String message, Throwable cause) {
        return new IllegalArgumentException(source + ": " + message, cause);
    }
}
