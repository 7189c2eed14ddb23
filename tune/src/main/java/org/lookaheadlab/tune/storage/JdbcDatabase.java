package org.lookaheadlab.tune.storage;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.Properties;

/**
 * Where a database storage URL points: the JDBC URL and connection properties, the dialect, and the URL as the
 * user gave it with its password masked (for messages).
 */
record JdbcDatabase(String jdbcUrl, Properties properties, SqlDialect dialect, String displayUrl) {

    JdbcDatabase {
        Properties p = new Properties();
        p.putAll(properties);
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
