package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Properties of {@link PostgresUrl} over generated URLs, well-formed and malformed. */
class PostgresUrlPropertiesTest {

    @Provide
    Arbitrary<String> anyText() {
        return Arbitraries.strings().all().ofMinLength(1).ofMaxLength(12)
                .filter(s -> StandardCharsets.UTF_8.newEncoder().canEncode(s));
    }

    @Provide
    Arbitrary<String> hosts() {
        return Arbitraries.strings().withChars("abcdefghijklmnopqrstuvwxyz0123456789.-_").ofMinLength(1).ofMaxLength(20);
    }

    @Provide
    Arbitrary<Optional<Integer>> ports() {
        return Arbitraries.integers().between(1, 65535).optional();
    }

    /** Port texts that are not 1 to 5 digits in 1..65535 and stay inside the port part of a URL. */
    @Provide
    Arbitrary<String> badPorts() {
        Arbitrary<String> digits = Arbitraries.oneOf(Arbitraries.integers().between(65536, Integer.MAX_VALUE)
                .map(String::valueOf), Arbitraries.of("0", "00000", "000000", "-1", "+1", " 1", "1 ", "1e3", "0x10"));
        Arbitrary<String> words = Arbitraries.strings().all().ofMaxLength(8)
                .filter(s -> s.chars().noneMatch(c -> c == '/' || c == '?' || c == '#' || c == '@'
                        || Character.isISOControl(c)))
                .filter(s -> !s.matches("0*[1-9][0-9]{0,4}") || s.length() > 5 || Integer.parseInt(s) > 65535);
        return Arbitraries.oneOf(digits, words);
    }

    @Property(tries = 300)
    void aWellFormedUrlGivesBackItsParts(@ForAll("anyText") String user, @ForAll("anyText") String password,
            @ForAll("hosts") String host, @ForAll("ports") Optional<Integer> port, @ForAll("anyText") String database,
            @ForAll("anyText") String appName) {
        String url = "postgresql://" + encode(user) + ":" + encode(password) + "@" + host
                + port.map(p -> ":" + p).orElse("") + "/" + encode(database) + "?ApplicationName=" + encode(appName);
        PostgresUrl parsed = PostgresUrl.parse(url);
        assertEquals(user, parsed.user());
        assertEquals(password, parsed.password());
        assertEquals(host, parsed.host());
        assertEquals(port.orElse(PostgresUrl.DEFAULT_PORT), parsed.port());
        assertEquals(database, parsed.database());
        assertEquals(Map.of("ApplicationName", appName), parsed.parameters());
    }

    @Property(tries = 300)
    void aMalformedPortIsRefusedNamingItAndNeverReplacedByTheDefault(@ForAll("hosts") String host,
            @ForAll("badPorts") String port) {
        String message = PostgresUrlTest.refusal("postgresql://u:Zq7-secret@" + host + ":" + port + "/db", "Zq7-secret");
        assertTrue(message.endsWith(": port '" + port + "' is not a number in 1..65535"), message);
    }

    @Property(tries = 500)
    void thePasswordIsNeverPartOfARefusal(@ForAll("secrets") String password, @ForAll("junk") String host,
            @ForAll("junk") String port, @ForAll("junk") String database, @ForAll("junk") String query) {
        String url = "postgresql://me:" + password + "@" + host + ":" + port + "/" + database + "?" + query;
        try {
            PostgresUrl parsed = PostgresUrl.parse(url);
            assertFalse(parsed.toString().contains(password), parsed.toString());
        } catch (IllegalArgumentException e) {
            assertFalse(e.getMessage().contains(password), e.getMessage());
        }
    }

    /** Distinctive passwords, some with characters that must be percent-encoded. */
    @Provide
    Arbitrary<String> secrets() {
        return Arbitraries.strings().withChars("ABCDEFGHJKLMNPQRSTUVWXYZ23456789@/?#:%&=+").ofLength(12)
                .map(s -> "Zq" + s);
    }

    /** Any short text without '@' (which would move the user info's end). */
    @Provide
    Arbitrary<String> junk() {
        return Arbitraries.strings().withChars("abc019:/?#&=%[]. -").ofMaxLength(8);
    }

    /** Percent-encodes every byte but the unreserved ones, as a user writes a URL. */
    private static String encode(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 128 && (Character.isLetterOrDigit(c) || "-._~".indexOf(c) >= 0)) {
                s.append((char) c);
            } else {
                s.append(String.format("%%%02X", c));
            }
        }
        return s.toString();
    }
}
