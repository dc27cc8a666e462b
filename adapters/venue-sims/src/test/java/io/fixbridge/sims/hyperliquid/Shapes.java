package io.fixbridge.sims.hyperliquid;

import com.fasterxml.jackson.databind.JsonNode;
import io.fixbridge.sims.common.SimJson;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Iterator;

import static org.assertj.core.api.Assertions.assertThat;

/** Loads our fixtures and checks that an answer has every field a fixture has, recursively. */
final class Shapes {
    private Shapes() {
    }

    static JsonNode fixture(String name) {
        try (InputStream in = Shapes.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("no fixture " + name);
            }
            return SimJson.parse(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every field of {@code expected} is in {@code actual} with the same JSON kind (recursing into first items). */
    static void assertHasShape(String where, JsonNode expected, JsonNode actual) {
        if (expected == null || expected.isNull() || actual == null || actual.isNull()) {
            return;
        }
        assertThat(actual.getNodeType()).as(where).isEqualTo(expected.getNodeType());
        if (expected.isObject()) {
            Iterator<String> names = expected.fieldNames();
            while (names.hasNext()) {
                String name = names.next();
                assertThat(actual.has(name)).as(where + "." + name + " in " + actual).isTrue();
                assertHasShape(where + "." + name, expected.get(name), actual.get(name));
            }
        } else if (expected.isArray() && !expected.isEmpty() && !actual.isEmpty()) {
            assertHasShape(where + "[0]", expected.get(0), actual.get(0));
        }
    }
}
