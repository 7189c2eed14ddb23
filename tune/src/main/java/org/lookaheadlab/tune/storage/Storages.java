package org.lookaheadlab.tune.storage;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Opens a storage from a URL:
 * <ul>
 * <li>{@code memory} → {@link InMemoryStorage};</li>
 * <li>{@code sqlite:PATH} → an SQLite file, created if missing ({@code sqlite:///abs/path} is {@code /abs/path});
 *     the path is checked first ({@link SqliteFile}: not empty, no {@code ?}, not a folder, its folder exists);</li>
 * <li>{@code postgresql://[user[:password]@]host[:port]/database[?name=value&...]} (or {@code postgres://},
 *     {@code jdbc:postgresql://}) → PostgreSQL, parsed strictly by {@link PostgresUrl} (port 5432 only when none
 *     is given; nothing malformed falls back to a default);</li>
 * <li>{@code jdbc:sqlite:...} → passed to the SQLite driver unchanged (its own syntax), but for an empty path (a
 *     throw-away in-memory database), which is refused.</li>
 * </ul>
 * A URL is refused with an {@link IllegalArgumentException} whose message is one line,
 * {@code storage URL '<url>': <what is wrong>}, the password masked ({@link #redact}).
 */
public final class Storages {

    private static final String FORMS = "memory, sqlite:PATH or postgresql://...";
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private Storages() {
    }

    /**
     * Opens the storage of {@code url}.
     *
     * @throws IllegalArgumentException when the URL is malformed (one line naming the part that is wrong)
     * @throws StorageException when a well-formed URL's database cannot be opened
     */
    public static Storage open(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException(oneLine("storage URL must be " + FORMS + ", but got '" + url + "'."));
        }
        if (url.equals("memory") || url.equals("inmemory")) {
            return new InMemoryStorage();
        }
        return JdbcStorage.open(database(url));
    }

    /**
     * Opens the storage of a database that exists, for a look at it: as {@link #open}, but an SQLite file that
     * does not exist is refused rather than created, and {@code memory} (always empty) is refused.
     *
     * @throws IllegalArgumentException when the URL is malformed, names no database or a missing SQLite file
     * @throws StorageException when the database cannot be opened
     */
    public static Storage openExisting(String url) {
        return JdbcStorage.open(database(url, true));
    }

    /** {@link #database(String, boolean)} of a database that may be new. */
    static JdbcDatabase database(String url) {
        return database(url, false);
    }

    /**
     * The database of a {@code sqlite:} or {@code postgresql://} URL (see {@link #open}); with {@code mustExist},
     * a {@code sqlite:} file that does not exist is refused.
     *
     * @throws IllegalArgumentException when the URL is malformed or names no database ({@code memory})
     */
    static JdbcDatabase database(String url, boolean mustExist) {
        if (url == null || url.isBlank() || url.equals("memory") || url.equals("inmemory")) {
            throw new IllegalArgumentException(oneLine("storage URL must be sqlite:PATH or postgresql://..., but got '"
                    + url + "'."));
        }
        String shown = redact(url);
        if (url.startsWith("jdbc:sqlite:")) {
            if (url.length() == "jdbc:sqlite:".length()) {
                throw refused(url, "the database path is empty (SQLite would open a throw-away in-memory database; "
                        + "use 'memory' for one)");
            }
            return new JdbcDatabase(url, new Properties(), SqlDialect.SQLITE, shown);
        }
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            while (path.startsWith("///")) {
                path = path.substring(2);
            }
            SqliteFile.check(url, path);
            if (mustExist && !Files.isRegularFile(Path.of(path))) {
                throw refused(url, "file '" + Path.of(path).toAbsolutePath() + "' does not exist");
            }
            return new JdbcDatabase("jdbc:sqlite:" + path, new Properties(), SqlDialect.SQLITE, shown);
        }
        if (PostgresUrl.hasScheme(url)) {
            PostgresUrl pg = PostgresUrl.parse(url);
            return new JdbcDatabase(pg.jdbcUrl(), pg.connectionProperties(), SqlDialect.POSTGRESQL, shown);
        }
        throw new IllegalArgumentException(oneLine("storage URL must be " + FORMS + ", but got '" + shown + "'."));
    }

    /**
     * {@code url} with every password replaced by {@code ***}, for messages, reports and logs: the password of the
     * user info (from the first {@code :} after {@code //} to the last {@code @}, the span {@link PostgresUrl}
     * reads as the password) and the value of a {@code password=} parameter.
     *
     * @return the masked URL; null for null
     */
    public static String redact(String url) {
        if (url == null) {
            return null;
        }
        String out = url;
        int authority = url.indexOf("://");
        int at = url.lastIndexOf('@');
        if (authority >= 0 && at > authority) {
            int colon = url.indexOf(':', authority + 3);
            if (colon >= 0 && colon < at) {
                out = url.substring(0, colon + 1) + "***" + url.substring(at);
            }
        }
        return out.replaceAll("(?i)([?&;]password=)[^&;]*", "$1***");
    }

    /**
     * The refusal of a malformed URL: {@code storage URL '<url, masked>': <problem>}, on one line: control
     * characters are shown as escapes such as <code>&#92;u000a</code>.
     */
    static IllegalArgumentException refused(String url, String problem) {
        return new IllegalArgumentException(oneLine("storage URL '" + redact(url) + "': " + problem));
    }

    private static String oneLine(String message) {
        return CONTROL.matcher(message).replaceAll(
                m -> Matcher.quoteReplacement(String.format(Locale.ROOT, "\\u%04x", (int) m.group().charAt(0))));
    }
}
