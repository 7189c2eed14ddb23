package org.lookaheadlab.tune.storage;

import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * Opens a storage from a URL:
 * <ul>
 * <li>{@code memory} → {@link InMemoryStorage};</li>
 * <li>{@code sqlite:PATH} (or {@code jdbc:sqlite:PATH}) → an SQLite file, created if missing;</li>
 * <li>{@code postgresql://user:password@host:port/database} (or a {@code jdbc:postgresql:} URL) → PostgreSQL.</li>
 * </ul>
 */
public final class Storages {

    private Storages() {
    }

    public static Storage open(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("storage URL must be memory, sqlite:PATH or postgresql://..., but got '"
                    + url + "'.");
        }
        if (url.equals("memory") || url.equals("inmemory")) {
            return new InMemoryStorage();
        }
        if (url.startsWith("jdbc:sqlite:")) {
            return JdbcStorage.open(url, new Properties(), SqlDialect.SQLITE);
        }
        if (url.startsWith("sqlite:")) {
            String path = url.substring("sqlite:".length());
            while (path.startsWith("///")) {
                path = path.substring(2);
            }
            if (path.isEmpty()) {
                throw new IllegalArgumentException("sqlite storage URL needs a file path: sqlite:PATH, got '" + url + "'.");
            }
            return JdbcStorage.open("jdbc:sqlite:" + path, new Properties(), SqlDialect.SQLITE);
        }
        if (url.startsWith("jdbc:postgresql:")) {
            return JdbcStorage.open(url, new Properties(), SqlDialect.POSTGRESQL);
        }
        if (url.startsWith("postgresql://") || url.startsWith("postgres://")) {
            return openPostgres(url);
        }
        throw new IllegalArgumentException("storage URL must be memory, sqlite:PATH or postgresql://..., but got '"
                + url + "'.");
    }

    private static Storage openPostgres(String url) {
        URI uri = URI.create(url);
        Properties props = new Properties();
        String userInfo = uri.getRawUserInfo();
        if (userInfo != null) {
            int colon = userInfo.indexOf(':');
            props.setProperty("user", decode(colon < 0 ? userInfo : userInfo.substring(0, colon)));
            if (colon >= 0) {
                props.setProperty("password", decode(userInfo.substring(colon + 1)));
            }
        }
        String host = uri.getHost() == null ? "localhost" : uri.getHost();
        int port = uri.getPort() < 0 ? 5432 : uri.getPort();
        String query = uri.getRawQuery() == null ? "" : "?" + uri.getRawQuery();
        return JdbcStorage.open("jdbc:postgresql://" + host + ":" + port + uri.getRawPath() + query, props,
                SqlDialect.POSTGRESQL);
    }

    private static String decode(String s) {
        return URLDecoder.decode(s, StandardCharsets.UTF_8);
    }
}
