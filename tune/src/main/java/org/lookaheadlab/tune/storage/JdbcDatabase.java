package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a database storage URL points: the JDBC URL and connection properties, the dialect, and the URL as the
 * user gave it with its password masked (for messages).
 *
 * <p>PostgreSQL connections get timeouts unless the URL sets its own, so that a silent network (a half-open
 * connection: the peer vanished without a FIN or RST) fails a call instead of blocking it forever, and the
 * storage reconnects: {@code connectTimeout} 10 s, {@code socketTimeout} {@value #PG_SOCKET_TIMEOUT_SECONDS} s
 * (every statement of the storage is short; a heartbeat is due every 60 s and judged after 120 s),
 * {@code tcpKeepAlive}; and server-side session settings ({@code options}) so that the server ends a session
 * whose client went silent: {@code idle_in_transaction_session_timeout} 60 s (no row lock is held longer by a
 * vanished worker) and TCP keepalives after 30 s idle (a vanished worker's lease session ends within about a
 * minute, not the system default of two hours).
 */
record JdbcDatabase(String jdbcUrl, Properties properties, SqlDialect dialect, String displayUrl) {

    /** The socket timeout of PostgreSQL connections whose URL gives none. */
    static final int PG_SOCKET_TIMEOUT_SECONDS = 60;

    JdbcDatabase {
        Properties p = new Properties();
        p.putAll(properties);
        if (dialect == SqlDialect.POSTGRESQL) {
            p.putIfAbsent("connectTimeout", "10");
            p.putIfAbsent("socketTimeout", Integer.toString(PG_SOCKET_TIMEOUT_SECONDS));
            p.putIfAbsent("tcpKeepAlive", "true");
            p.putIfAbsent("options", "-c idle_in_transaction_session_timeout=60000 -c tcp_keepalives_idle=30"
                    + " -c tcp_keepalives_interval=10 -c tcp_keepalives_count=3");
        }
        if (dialect == SqlDialect.SQLITE) {
            p.setProperty("busy_timeout", "60000");
            p.setProperty("journal_mode", "WAL");
            p.setProperty("synchronous", "NORMAL");
            p.setProperty("transaction_mode", "IMMEDIATE");
            p.setProperty("foreign_keys", "true");
        }
        properties = p;
    }

    /** A new autocommit connection (SQLite: write transactions are IMMEDIATE, WAL journal, foreign keys on). */
    Connection connect() throws SQLException {
        Connection c = DriverManager.getConnection(jdbcUrl, properties);
        c.setAutoCommit(true);
        return c;
    }
}
