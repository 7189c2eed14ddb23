package org.lookaheadlab.testkit;

import static org.junit.jupiter.api.Assertions.fail;

import org.junit.jupiter.api.Assumptions;

/**
 * When a test whose reference data or server is missing must fail rather than skip: under {@code ./run-tests}
 * ({@code LOOKAHEAD_REQUIRE_ALL_TESTS=1}) and in CI ({@code CI=true}) nothing may skip; a bare {@code mvn test}
 * elsewhere skips such a test with the reason.
 */
public final class RequiredTests {

    private RequiredTests() {}

    /** Whether this run must not skip anything. */
    public static boolean required() {
        return "true".equalsIgnoreCase(System.getenv("CI")) || "1".equals(System.getenv("LOOKAHEAD_REQUIRE_ALL_TESTS"));
    }

    /** Fails the test with {@code message} when {@link #required()}, else skips it with that reason. */
    public static void missing(String message) {
        if (required()) {
            fail(message + " (this run must not skip: CI=true or LOOKAHEAD_REQUIRE_ALL_TESTS=1)");
        }
        Assumptions.abort("skipped: " + message);
    }

    /**
     * The environment variable {@code name}; when it is unset or blank, {@link #missing} with {@code howToSet}.
     */
    public static String env(String name, String howToSet) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            missing(name + " is not set: " + howToSet);
        }
        return value;
    }
}
