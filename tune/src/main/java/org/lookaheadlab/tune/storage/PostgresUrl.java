package org.lookaheadlab.tune.storage;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.regex.Pattern;
import org.postgresql.PGProperty;

/**
 * A strictly parsed {@code postgresql://[user[:password]@]host[:port]/database[?name=value&...]} storage URL
 * ({@code postgres://} and the JDBC form {@code jdbc:postgresql://} are read the same way; the driver's other
 * forms, such as several hosts or no host, are refused). Nothing malformed falls back to a default: the only
 * default is port 5432, and only when the URL has no port at all.
 *
 * <ul>
 *   <li>user, password, database and parameter values are percent-decoded ({@code %40} is {@code @}, {@code %20}
 *       a space; {@code +} stays {@code +}; a raw space or control character is refused); a {@code @},
 *       {@code /}, {@code ?} or {@code #} in them must be percent-encoded. The user info ends at the URL's last
 *       {@code @}, so a literal {@code @} elsewhere must be encoded as {@code %40} too.</li>
 *   <li>host: a host name or IPv4 address ({@code [A-Za-z0-9._-]+}) or a bracketed IPv6 address ({@code [::1]});
 *       one host only.</li>
 *   <li>port: 1 to 5 digits, 1..65535.</li>
 *   <li>database: one non-empty, percent-decoded path segment.</li>
 *   <li>query parameters are passed to the PostgreSQL JDBC driver as connection properties, deliberately and
 *       only when the driver knows the name ({@link PGProperty}; names are case-sensitive, e.g. {@code sslmode},
 *       {@code connectTimeout}, {@code ApplicationName}): the driver would silently ignore a misspelled one.
 *       Values are percent-decoded. A name given twice, {@code PGHOST}/{@code PGPORT}/{@code PGDBNAME} (the URL's
 *       own parts) and a {@code user}/{@code password} also given before the {@code @} are refused.</li>
 * </ul>
 * Every refusal is one line, {@code storage URL '<url, password masked>': <the part that is wrong>}; the password
 * is never part of a message nor of {@link #toString()}.
 *
 * @param user the user name, or null when the URL gives none (the driver then uses its own default)
 * @param password the password, or null when the URL gives none
 * @param host the server's host name or address (an IPv6 address without brackets)
 * @param port the server's port, 1..65535
 * @param database the database name
 * @param parameters the connection properties of the query, in URL order (passwords included)
 */
public record PostgresUrl(String user, String password, String host, int port, String database,
        Map<String, String> parameters) {

    /** The port of a URL that gives none. */
    public static final int DEFAULT_PORT = 5432;

    /** The accepted form, quoted by the refusals that concern the URL's layout. */
    static final String FORM = "accepted form: postgresql://[user[:password]@]host[:port]/database[?name=value&...]";

    private static final Pattern HOST_NAME = Pattern.compile("[A-Za-z0-9._-]+");
    private static final Pattern IPV6 = Pattern.compile("\\[[0-9A-Fa-f:.]+\\]");
    private static final Pattern PORT = Pattern.compile("[0-9]{1,5}");
    private static final Set<String> URL_PARTS = Set.of("PGHOST", "PGPORT", "PGDBNAME");
    private static final String JDBC = "jdbc:";

    public PostgresUrl {
        parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
    }

    /** Whether {@code url} is a PostgreSQL URL ({@code postgresql:}, {@code postgres:}, {@code jdbc:postgresql:}). */
    static boolean hasScheme(String url) {
        String u = url.startsWith(JDBC) ? url.substring(JDBC.length()) : url;
        return u.startsWith("postgresql:") || !url.startsWith(JDBC) && u.startsWith("postgres:");
    }

    /**
     * Parses {@code url}.
     *
     * @throws IllegalArgumentException one line naming the part that is wrong (never the password)
     */
    public static PostgresUrl parse(String url) {
        if (!hasScheme(url)) {
            throw Storages.refused(url, "the scheme is not postgresql:, " + FORM);
        }
        int colon = url.indexOf(':', url.startsWith(JDBC) ? JDBC.length() : 0);
        if (!url.startsWith("//", colon + 1)) {
            throw Storages.refused(url, "'//' must follow the scheme, " + FORM);
        }
        String rest = url.substring(colon + 3);
        int at = rest.lastIndexOf('@');
        String userInfo = at < 0 ? null : rest.substring(0, at);
        if (userInfo != null && userInfo.chars().anyMatch(c -> c == '/' || c == '?' || c == '#' || c == '@')) {
            throw Storages.refused(url, "the user info (before the last '@') contains '/', '?', '#' or '@': "
                    + "percent-encode them in a user name or password (%2F, %3F, %23, %40), and any '@' after it "
                    + "(%40)");
        }
        String user = userInfo == null ? null : user(url, userInfo);
        String password = userInfo == null ? null : password(url, userInfo);
        rest = rest.substring(at + 1);
        if (rest.indexOf('#') >= 0) {
            throw Storages.refused(url, "a '#' fragment is not accepted, " + FORM);
        }
        int query = rest.indexOf('?');
        String beforeQuery = query < 0 ? rest : rest.substring(0, query);
        int slash = beforeQuery.indexOf('/');
        String authority = slash < 0 ? beforeQuery : beforeQuery.substring(0, slash);
        String host = host(url, authority);
        int port = port(url, authority.substring(authority.startsWith("[") ? authority.indexOf(']') + 1
                : host.length()));
        String database = database(url, slash < 0 ? null : beforeQuery.substring(slash + 1));
        Map<String, String> parameters = parameters(url, query < 0 ? null : rest.substring(query + 1));
        boolean twice = parameters.containsKey("user") || password != null && parameters.containsKey("password");
        if (user != null && twice) {
            throw Storages.refused(url, "query parameter '" + (parameters.containsKey("user") ? "user" : "password")
                    + "' repeats what the user info (before '@') gives, accepted: one of them");
        }
        return new PostgresUrl(user, password, host, port, database, parameters);
    }

    /** The user name of {@code userInfo} ({@code user[:password]}), percent-decoded. */
    private static String user(String url, String userInfo) {
        int sep = userInfo.indexOf(':');
        String user = decode(url, "user name", sep < 0 ? userInfo : userInfo.substring(0, sep));
        if (user.isEmpty()) {
            throw Storages.refused(url, "user name is empty before '" + (sep < 0 ? "@" : ":") + "', " + FORM);
        }
        return user;
    }

    /** The password of {@code userInfo} ({@code user[:password]}), percent-decoded, or null without a ':'. */
    private static String password(String url, String userInfo) {
        int sep = userInfo.indexOf(':');
        if (sep < 0) {
            return null;
        }
        String password = decode(url, "password", userInfo.substring(sep + 1));
        if (password.isEmpty()) {
            throw Storages.refused(url, "password is empty after ':' (leave out the ':' for no password)");
        }
        return password;
    }

    /** The host of {@code authority} ({@code host[:port]} or {@code [v6][:port]}), without brackets. */
    private static String host(String url, String authority) {
        if (authority.startsWith("[")) {
            int close = authority.indexOf(']');
            if (close < 0 || !IPV6.matcher(authority.substring(0, close + 1)).matches()) {
                throw Storages.refused(url, "host '" + authority + "' is not a bracketed IPv6 address like [::1]");
            }
            return authority.substring(1, close);
        }
        int colon = authority.indexOf(':');
        String host = colon < 0 ? authority : authority.substring(0, colon);
        if (host.isEmpty()) {
            throw Storages.refused(url, "host is missing (no default host is assumed), " + FORM);
        }
        if (!HOST_NAME.matcher(host).matches()) {
            throw Storages.refused(url, "host '" + host + "' is not a host name or IP address (letters, digits, "
                    + ". _ -; IPv6 in brackets; one host only)");
        }
        return host;
    }

    /** The port of {@code afterHost} ({@code ""} or {@code :PORT}); 5432 only when it is empty. */
    private static int port(String url, String afterHost) {
        if (afterHost.isEmpty()) {
            return DEFAULT_PORT;
        }
        String text = afterHost.startsWith(":") ? afterHost.substring(1) : afterHost;
        int port = PORT.matcher(text).matches() ? Integer.parseInt(text) : 0;
        if (!afterHost.startsWith(":") || port < 1 || port > 65535) {
            throw Storages.refused(url, "port '" + text + "' is not a number in 1..65535");
        }
        return port;
    }

    private static String database(String url, String path) {
        if (path == null || path.isEmpty()) {
            throw Storages.refused(url, "database is missing (no default database is assumed), " + FORM);
        }
        if (path.contains("/")) {
            throw Storages.refused(url, "database '" + path + "' contains '/', accepted: one name (percent-encode "
                    + "a '/' in it as %2F)");
        }
        return decode(url, "database", path);
    }

    private static Map<String, String> parameters(String url, String query) {
        Map<String, String> out = new LinkedHashMap<>();
        if (query == null) {
            return out;
        }
        if (query.isEmpty()) {
            throw Storages.refused(url, "query is empty after '?', accepted: ?name=value&...");
        }
        String[] pairs = query.split("&", -1);
        for (int i = 0; i < pairs.length; i++) {
            String pair = pairs[i];
            int eq = pair.indexOf('=');
            if (pair.isEmpty()) {
                throw Storages.refused(url, "query has an empty parameter (a stray '&')");
            }
            if (eq <= 0) { // the text is not echoed: it may be a password typed without its name
                throw Storages.refused(url, "query parameter " + (i + 1) + " of " + pairs.length
                        + " is not name=value");
            }
            String name = pair.substring(0, eq);
            checkKnown(url, name);
            if (out.put(name, decode(url, "value of query parameter '" + name + "'", pair.substring(eq + 1))) != null) {
                throw Storages.refused(url, "query parameter '" + name + "' is given twice");
            }
        }
        return out;
    }

    private static void checkKnown(String url, String name) {
        if (URL_PARTS.contains(name)) {
            throw Storages.refused(url, "query parameter '" + name + "' is not accepted: host, port and database "
                    + "belong in the URL itself, " + FORM);
        }
        if (PGProperty.forName(name) != null) {
            return;
        }
        String lower = name.toLowerCase(Locale.ROOT);
        for (PGProperty p : PGProperty.values()) {
            if (p.getName().toLowerCase(Locale.ROOT).equals(lower)) {
                throw Storages.refused(url, "query parameter '" + name + "' is unknown, did you mean '" + p.getName()
                        + "'? (names are case-sensitive)");
            }
        }
        throw Storages.refused(url, "query parameter '" + name + "' is not a connection property of the PostgreSQL "
                + "JDBC driver, accepted: its property names, e.g. sslmode, connectTimeout, ApplicationName");
    }

    /**
     * Strict percent-decoding: {@code %XX} with two hex digits, UTF-8; {@code +} is kept (it is not a space in a
     * URL's user info or path); a raw space or control character is refused. {@code part} names the part in a
     * refusal; the text itself is never echoed.
     */
    private static String decode(String url, String part, String text) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (Character.isWhitespace(c) || Character.isISOControl(c)) {
                throw Storages.refused(url, part + " contains a space or control character, accepted: "
                        + "percent-encoded (%20 for a space)");
            }
            if (c != '%') {
                bytes.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
                continue;
            }
            int hi = i + 2 < text.length() ? Character.digit(text.charAt(i + 1), 16) : -1;
            int lo = i + 2 < text.length() ? Character.digit(text.charAt(i + 2), 16) : -1;
            if (hi < 0 || lo < 0) {
                throw Storages.refused(url, part + " has a '%' that is not followed by two hex digits "
                        + "(a literal '%' is %25)");
            }
            bytes.write(hi * 16 + lo);
            i += 2;
        }
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes.toByteArray())).toString();
        } catch (CharacterCodingException e) {
            throw Storages.refused(url, part + " is not UTF-8 once percent-decoded");
        }
    }

    /**
     * The JDBC URL the driver is given: {@code jdbc:postgresql://host:port/database} (the database
     * percent-encoded); user, password and the query go in {@link #connectionProperties()}.
     */
    public String jdbcUrl() {
        String h = host.contains(":") ? "[" + host + "]" : host;
        return "jdbc:postgresql://" + h + ":" + port + "/" + encode(database);
    }

    /** The driver's connection properties: the query parameters, plus user and password when the URL gives them. */
    public Properties connectionProperties() {
        Properties props = new Properties();
        props.putAll(parameters);
        if (user != null) {
            props.setProperty("user", user);
        }
        if (password != null) {
            props.setProperty("password", password);
        }
        return props;
    }

    /** Every byte but the URL-unreserved ones as {@code %XX} (the driver decodes the database name). */
    private static String encode(String text) {
        StringBuilder s = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c < 128 && (Character.isLetterOrDigit(c) || c == '-' || c == '.' || c == '_' || c == '~')) {
                s.append(c);
            } else {
                s.append(String.format(Locale.ROOT, "%%%02X", b & 0xff));
            }
        }
        return s.toString();
    }

    /** The JDBC URL with the user, and {@code ***} for a password; never the password itself. */
    @Override
    public String toString() {
        return jdbcUrl() + (user == null ? "" : " user=" + user) + (password == null ? "" : " password=***")
                + (parameters.isEmpty() ? "" : " parameters=" + parameters.keySet());
    }
}
