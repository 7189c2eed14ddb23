package org.lookaheadlab.tune.storage;

/** A storage operation failed (database error after retries, unsupported schema, ...). */
public class StorageException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public StorageException(String message, Throwable cause) {
        super(message, cause);
    }
}
