package org.lookaheadlab.tune.storage;

/**
 * A storage operation failed (database error after retries, unsupported schema, ...). The message is one line:
 * a driver's multi-line message (PostgreSQL adds "Where: ..." and "Detail: ..." lines) is joined with "; ".
 */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message == null ? null : message.strip().replaceAll("\\s*\\R\\s*", "; "), cause);
    }
}
