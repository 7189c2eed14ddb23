package org.lookaheadlab.tune.storage;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@link PostgresUrl}: what a well-formed URL gives the driver, and one line naming the part of a malformed one. */
class PostgresUrlTest {

    /** The message {@link Storages#open} refuses {@code url} with, checked to be one line without the password. */
    static String refusal(String url, String password) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Storages.open(url), url);
        String message = e.getMessage();
        assertFalse(message.contains("\n"), message);
        assertTrue(password == null || !message.contains(password), "the password leaks: " + message);
        return message;
    }

    @Test
    void aPortThatIsNotANumberIsRefusedInsteadOfFallingBackToLocalhost5432() {
        // issue 16: this URL used to connect to localhost:5432
        assertEquals("storage URL 'postgresql://u:***@127.0.0.1:notaport/db': port 'notaport' is not a number in "
                + "1..65535", refusal("postgresql://u:p@127.0.0.1:notaport/db", null));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql://u:pw@db.example:0/studies        | port '0' is not a number in 1..65535
            postgresql://u:pw@db.example:65536/studies    | port '65536' is not a number in 1..65535
            postgresql://u:pw@db.example:/studies         | port '' is not a number in 1..65535
            postgresql://u:pw@db.example:+5432/studies    | port '+5432' is not a number in 1..65535
            postgresql://u:pw@db.example:54 32/studies    | port '54 32' is not a number in 1..65535
            postgresql://u:pw@db.example:5432:1/studies   | port '5432:1' is not a number in 1..65535
            postgresql://u:pw@[::1]x/studies              | port 'x' is not a number in 1..65535
            postgresql://u:pw@/studies                    | host is missing (no default host is assumed)
            postgresql://u:pw@:5432/studies               | host is missing (no default host is assumed)
            postgresql:///studies                         | host is missing (no default host is assumed)
            postgresql://                                 | host is missing (no default host is assumed)
            postgresql://h1,h2/studies                    | host 'h1,h2' is not a host name or IP address
            postgresql://db%20x/studies                   | host 'db%20x' is not a host name or IP address
            postgresql://u:pw@[::1/studies                | host '[::1' is not a bracketed IPv6 address like [::1]
            postgresql://u:pw@db.example:5432             | database is missing (no default database is assumed)
            postgresql://u:pw@db.example:5432/            | database is missing (no default database is assumed)
            postgresql://db.example/?sslmode=require      | database is missing (no default database is assumed)
            postgresql://db.example/a/b                   | database 'a/b' contains '/'
            postgresql://db.example/my db                 | database contains a space or control character
            postgresql://me:pa ss@db.example/studies      | password contains a space or control character
            postgresql://db.example/a%zz                  | database has a '%' that is not followed by two hex digits
            postgresql:/db.example/studies                | '//' must follow the scheme
            postgres:db.example/studies                   | '//' must follow the scheme
            jdbc:postgresql:studies                       | '//' must follow the scheme
            postgresql://db.example/studies#x             | a '#' fragment is not accepted
            postgresql://:pw@db.example/studies           | user name is empty before ':'
            postgresql://@db.example/studies              | user name is empty before '@'
            postgresql://u:@db.example/studies            | password is empty after ':'
            postgresql://u%2:pw@db.example/studies        | user name has a '%' that is not followed by two hex digits
            postgresql://u:pw%ff@db.example/studies       | password is not UTF-8 once percent-decoded
            postgresql://db.example/studies?              | query is empty after '?'
            postgresql://db.example/studies?sslmode=disable&  | query has an empty parameter (a stray '&')
            postgresql://db.example/studies?sslmode       | query parameter 1 of 1 is not name=value
            postgresql://db.example/studies?=disable      | query parameter 1 of 1 is not name=value
            postgresql://db.example/studies?SSLMODE=disable   | query parameter 'SSLMODE' is unknown, did you mean 'sslmode'?
            postgresql://db.example/studies?timeout=5     | query parameter 'timeout' is not a connection property of the PostgreSQL JDBC driver
            postgresql://db.example/studies?sslmode=a&sslmode=b   | query parameter 'sslmode' is given twice
            postgresql://db.example/studies?PGPORT=5433   | query parameter 'PGPORT' is not accepted: host, port and database belong in the URL itself
            postgresql://me@db.example/studies?user=you   | query parameter 'user' repeats what the user info (before '@') gives
            postgresql://db.example/studies?ApplicationName=a%g1  | value of query parameter 'ApplicationName' has a '%' that is not followed by two hex digits
            """)
    void aMalformedUrlIsRefusedNamingThePart(String url, String problem) {
        String message = refusal(url, "pw");
        assertTrue(message.startsWith("storage URL '" + Storages.redact(url) + "': " + problem), message);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            postgresql://me:p@ss@db.example/studies       | p@ss
            postgresql://me:pa/ss@db.example/studies      | pa/ss
            postgresql://me:pa?ss@db.example/studies      | pa?ss
            postgresql://me:pa#ss@db.example/studies      | pa#ss
            """)
    void aPasswordWithAnUnencodedDelimiterIsRefusedWithoutShowingIt(String url, String password) {
        String message = refusal(url, password);
        assertTrue(message.startsWith("storage URL 'postgresql://me:***@db.example/studies': the user info (before "
                + "the last '@') contains '/', '?', '#' or '@': percent-encode them"), message);
    }

    @Test
    void aControlCharacterIsShownEscapedSoTheRefusalStaysOneLine() {
        assertEquals("storage URL 'postgresql://db.example:54\\u000a32/db': port '54\\u000a32' is not a number in "
                + "1..65535", refusal("postgresql://db.example:54\n32/db", null));
    }

    @Test
    void theDefaultPortIsUsedOnlyWhenThePortIsAbsent() {
        PostgresUrl url = PostgresUrl.parse("postgresql://db.example/studies");
        assertEquals(5432, url.port());
        assertEquals("jdbc:postgresql://db.example:5432/studies", url.jdbcUrl());
        assertNull(url.user());
        assertNull(url.password());
        assertEquals(new Properties(), url.connectionProperties());
        assertEquals(5433, PostgresUrl.parse("postgres://db.example:5433/studies").port());
    }

    @Test
    void userPasswordAndDatabaseArePercentDecodedAndPlusStaysPlus() {
        PostgresUrl url = PostgresUrl.parse("postgresql://m%C3%A9:a%40b%3Ac+d%25@10.0.0.7:6543/my%20db");
        assertEquals("mé", url.user());
        assertEquals("a@b:c+d%", url.password());
        assertEquals("my db", url.database());
        assertEquals("jdbc:postgresql://10.0.0.7:6543/my%20db", url.jdbcUrl());
        Properties props = url.connectionProperties();
        assertEquals("mé", props.getProperty("user"));
        assertEquals("a@b:c+d%", props.getProperty("password"));
        assertFalse(url.toString().contains("a@b"), url.toString());
    }

    @Test
    void knownQueryParametersBecomeConnectionPropertiesInOrder() {
        PostgresUrl url = PostgresUrl.parse(
                "jdbc:postgresql://[::1]:5433/studies?sslmode=disable&ApplicationName=a%20b&password=s3cret");
        assertEquals("::1", url.host());
        assertEquals("jdbc:postgresql://[::1]:5433/studies", url.jdbcUrl());
        assertEquals(java.util.List.of("sslmode", "ApplicationName", "password"),
                java.util.List.copyOf(url.parameters().keySet()));
        assertEquals(Map.of("sslmode", "disable", "ApplicationName", "a b", "password", "s3cret"),
                Map.copyOf(url.connectionProperties()));
        assertFalse(url.toString().contains("s3cret"), url.toString());
    }

    @Test
    void redactMasksTheUserInfoPasswordAndPasswordParameters() {
        assertEquals("postgresql://me:***@db:5432/studies", Storages.redact("postgresql://me:s3cret@db:5432/studies"));
        assertEquals("postgresql://me:***@db/studies", Storages.redact("postgresql://me:p@ss@db/studies"));
        assertEquals("jdbc:postgresql://db/studies?user=me&password=***&ssl=true",
                Storages.redact("jdbc:postgresql://db/studies?user=me&password=s3cret&ssl=true"));
        assertEquals("postgresql://me@db/studies", Storages.redact("postgresql://me@db/studies"));
        assertEquals("sqlite:runs/x/studies.db", Storages.redact("sqlite:runs/x/studies.db"));
    }

    @Test
    void anUnknownSchemeStillListsTheAcceptedForms() {
        assertEquals("storage URL must be memory, sqlite:PATH or postgresql://..., but got 'mysql://me:***@db/x'.",
                refusal("mysql://me:pw@db/x", "pw"));
    }
}
